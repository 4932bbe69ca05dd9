package dev.lectern.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON line per log event, with the fields of Powertools' Lambda layout: {@code timestamp},
 * {@code level}, {@code message}, {@code error} ({@code name}, {@code message}, {@code stack}) and
 * every MDC entry — the Lambda context Powertools puts there ({@code function_request_id},
 * {@code function_name}, {@code cold_start}, {@code xray_trace_id}…) and our {@code correlation_id}.
 * A few dozen lines in place of Powertools' Logback module, of which we would use just this encoder.
 */
public final class LambdaJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] NO_HEADER = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NO_HEADER;
    }

    @Override
    public byte[] footerBytes() {
        return NO_HEADER;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("message", event.getFormattedMessage());
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("name", error.getClassName());
                json.writeStringField("message", error.getMessage());
                json.writeStringField("stack", ThrowableProxyUtil.asString(error));
                json.writeEndObject();
            }
            for (Map.Entry<String, String> entry : new TreeMap<>(event.getMDCPropertyMap()).entrySet()) {
                writeContext(json, entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * As Powertools' layout types them: the cold start a boolean, memory and sampling rate numbers
     * (the rate left out when it is 0, as there), the rest strings.
     */
    private static void writeContext(JsonGenerator json, String key, String value) throws IOException {
        if (value == null || key.equals("sampling_rate") && (value.equals("0.0") || value.equals("0"))) {
            return;
        }
        switch (key) {
            case "cold_start" -> json.writeBooleanField(key, Boolean.parseBoolean(value));
            case "function_memory_size", "sampling_rate" -> {
                // written as a number only when it is one: writeNumber(String) copies its text as it is
                try {
                    json.writeNumberField(key, new BigDecimal(value));
                } catch (NumberFormatException e) {
                    json.writeStringField(key, value);
                }
            }
            default -> json.writeStringField(key, value);
        }
    }
}
