package dev.lectern.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * How request bodies are read: strictly. A value of the wrong JSON type is refused, never
 * converted — {@code "1999"} is not a number, {@code 19.99} is not an integer, {@code true} and
 * {@code 1} are not strings, {@code 1} is not a boolean — and so are unknown fields, a field
 * given twice, numbers too large for their field and text with control characters. Every string
 * is NFC-normalised ({@link Text}). Responses and our own stored JSON use {@link Json}.
 */
final class RequestJson {

    /** A string the API does not accept; its message is for the client. */
    static final class InvalidText extends JsonMappingException {
        InvalidText(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("strict-strings").addDeserializer(String.class, new StrictStringDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // parse errors name a line and column, never the request's text or Jackson's settings
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .withCoercionConfigDefaults(config -> config
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // 4 is a fine value for a decimal field: the one widening allowed
            .withCoercionConfig(LogicalType.Float, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private RequestJson() {
    }

    /** Only a JSON string is a string; it is checked for control characters and normalised. */
    private static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (Text.hasForbiddenControls(value)) {
                throw new InvalidText(parser, "must not contain control characters");
            }
            return Text.normalize(value);
        }
    }
}
