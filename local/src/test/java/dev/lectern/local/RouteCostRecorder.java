package dev.lectern.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.Json;
import dev.lectern.core.logging.LogbackConfigurator;
import dev.lectern.core.logging.Logs;
import dev.lectern.core.metrics.BusinessMetrics;
import dev.lectern.core.metrics.LecternMetrics;
import dev.lectern.core.resources.LecternResources;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * What one call of a route costs besides its DynamoDB requests, for the learner cost model
 * (docs/cost.md): the wall-clock time of the call through the local platform (gateway, function
 * and DynamoDB Local, all in this JVM), the bytes of the JSON log lines and of the EMF metrics
 * lines the function writes for it (what CloudWatch Logs would ingest), and the bytes of the
 * response (what leaves AWS). {@link #observe} wraps each counted call; {@link #write} writes
 * {@code target/route-costs.json} with the DynamoDB figures of the last pass and the medians of
 * the warm calls (every call of a route but its first, which builds the function's instance and
 * runs cold code).
 *
 * <p>A call's lines are found by its correlation id (the response's {@code X-Correlation-Id},
 * which the function puts in every line it writes for the request): log lines through an extra
 * Logback appender with the encoder of the functions' own appender, EMF lines (which the EMF library
 * prints on {@code System.out}) through a tee of stdout while the call runs. Lambda's own
 * START/REPORT lines and API Gateway's access log line are not written locally; the cost model adds
 * them.
 */
final class RouteCostRecorder {

    /** Where the cost model ({@code dev.lectern.bench.LearnerCostModel}) reads it. */
    static final Path OUTPUT = Path.of("target", "route-costs.json");
    /** Passes of the counting test: the first warms each function, the others are timed. */
    static final int PASSES = 4;

    private record Sample(double millis, long logBytes, int logLines, long emfBytes, int emfLines, long responseBytes) {
    }

    private record Line(String correlationId, long bytes) {
    }

    private static final Map<String, List<Sample>> SAMPLES = new ConcurrentHashMap<>();
    private static final List<Line> LOG_LINES = new ArrayList<>();
    private static volatile boolean recording;
    private static volatile boolean installed;

    private RouteCostRecorder() {
    }

    /** Runs one call of a route and records its time, its log and metrics bytes and its response bytes. */
    static ApiClient.Response observe(Supplier<ApiClient.Response> call) {
        installLogCounter();
        PrintStream original = System.out;
        StringBuilder stdout = new StringBuilder();
        System.setOut(new PrintStream(tee(original, stdout), true, StandardCharsets.UTF_8));
        synchronized (LOG_LINES) {
            LOG_LINES.clear();
        }
        recording = true;
        long started = System.nanoTime();
        ApiClient.Response response;
        try {
            response = call.get();
        } finally {
            recording = false;
            System.setOut(original);
        }
        double millis = (System.nanoTime() - started) / 1e6;
        String correlationId = response.header(ApiRequest.CORRELATION_HEADER);
        long logBytes = 0;
        int logLines = 0;
        synchronized (LOG_LINES) {
            for (Line line : LOG_LINES) {
                if (line.correlationId() != null && line.correlationId().equals(correlationId)) {
                    logBytes += line.bytes();
                    logLines++;
                }
            }
        }
        long emfBytes = 0;
        int emfLines = 0;
        String routeId = null;
        String captured;
        synchronized (stdout) {
            captured = stdout.toString();
        }
        for (String text : captured.lines().toList()) {
            if (!text.startsWith("{") || !text.contains("\"_aws\"")) {
                continue;
            }
            JsonNode line = parse(text);
            if (correlationId == null || !correlationId.equals(line.path("correlation_id").asText(null))) {
                continue;
            }
            emfBytes += text.getBytes(StandardCharsets.UTF_8).length + 1;
            emfLines++;
            if (line.has(LecternMetrics.ROUTE)) {
                routeId = line.get(LecternMetrics.ROUTE).asText();
            }
        }
        if (routeId != null) {
            long responseBytes = responseBytes(response);
            SAMPLES.computeIfAbsent(routeId, id -> new ArrayList<>())
                    .add(new Sample(millis, logBytes, logLines, emfBytes, emfLines, responseBytes));
        }
        return response;
    }

    /**
     * The end of a pass: writes {@link #OUTPUT} (per route key its DynamoDB requests and units from
     * {@code byRoute}, this pass's counts, its memory from the catalog, and the medians of its warm
     * samples), then waits until the work the pass left running in the background is done — the
     * erasure's event reaches the catalog's erasure consumer, whose DynamoDB requests would
     * otherwise be counted against the next pass's first routes.
     */
    static void endPass(Map<String, List<DynamoDbRequestCounter.Request>> byRoute) throws IOException {
        write(byRoute);
        awaitQuietTable();
    }

    /** No DynamoDB request from anything in this JVM for two consecutive half-seconds (at most 30 s of waiting). */
    private static void awaitQuietTable() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            DynamoDbRequestCounter.reset();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            quiet = DynamoDbRequestCounter.requests().isEmpty() ? quiet + 1 : 0;
        }
    }

    private static void write(Map<String, List<DynamoDbRequestCounter.Request>> byRoute) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("producedBy", "DynamoDbRequestsPerRouteEnd2EndTest with RouteCostRecorder: ./mvnw verify, or ./mvnw verify -pl local -am "
                + "-Dtest=DynamoDbRequestsPerRouteEnd2EndTest -Dsurefire.failIfNoSpecifiedTests=false");
        root.put("producedAt", Instant.now().toString());
        root.put("passes", PASSES);
        root.put("notes", "capacity units as DynamoDB Local reports them (ReturnConsumedCapacity=TOTAL), reads = GetItem, Query, "
                + "BatchGetItem, writes = the rest; durationMs: median wall-clock of the warm calls through the local platform in one "
                + "JVM (DynamoDB Local answers in-process, faster than DynamoDB; the machine's CPU is not Lambda's); logBytes: the "
                + "function's JSON log lines for the call, emfBytes: its EMF metrics lines, each line with its newline; responseBytes: "
                + "status line, headers and body as received");
        ObjectNode catalog = root.putObject("catalog");
        catalog.put("contexts", LecternCatalog.contexts().size());
        catalog.put("routes", LecternCatalog.routes().size());
        catalog.put("apiFunctions", LecternCatalog.apiFunctions().size());
        catalog.put("consumers", LecternCatalog.consumers().size());
        catalog.put("schedules", LecternCatalog.schedules().size());
        catalog.put("functions", LecternCatalog.functions().size());
        catalog.put("queues", LecternResources.QUEUES.size());
        catalog.put("businessMetrics", businessMetricNames());
        ObjectNode routes = root.putObject("routes");
        for (Route route : LecternCatalog.routes()) {
            List<DynamoDbRequestCounter.Request> requests = byRoute.get(route.routeKey());
            if (requests == null) {
                continue;
            }
            ObjectNode entry = routes.putObject(route.routeKey());
            entry.put("id", route.id());
            entry.put("memoryMb", route.memoryMb());
            ObjectNode dynamoDb = entry.putObject("dynamoDb");
            dynamoDb.put("requests", requests.size());
            ObjectNode operations = dynamoDb.putObject("operations");
            requests.stream().collect(Collectors.groupingBy(DynamoDbRequestCounter.Request::operation, LinkedHashMap::new,
                    Collectors.counting())).forEach(operations::put);
            dynamoDb.put("readUnits", requests.stream().filter(r -> isRead(r.operation()))
                    .mapToDouble(DynamoDbRequestCounter.Request::capacityUnits).sum());
            dynamoDb.put("writeUnits", requests.stream().filter(r -> !isRead(r.operation()))
                    .mapToDouble(DynamoDbRequestCounter.Request::capacityUnits).sum());
            List<Sample> samples = SAMPLES.getOrDefault(route.id(), List.of());
            List<Sample> warm = samples.size() > 1 ? samples.subList(1, samples.size()) : samples;
            if (warm.isEmpty()) {
                continue;
            }
            entry.put("durationMs", round(median(warm.stream().mapToDouble(Sample::millis).toArray())));
            ArrayNode all = entry.putArray("durationSamplesMs");
            samples.forEach(s -> all.add(round(s.millis())));
            entry.put("logBytes", Math.round(median(warm.stream().mapToDouble(Sample::logBytes).toArray())));
            entry.put("logLines", Math.round(median(warm.stream().mapToDouble(Sample::logLines).toArray())));
            entry.put("emfBytes", Math.round(median(warm.stream().mapToDouble(Sample::emfBytes).toArray())));
            entry.put("emfLines", Math.round(median(warm.stream().mapToDouble(Sample::emfLines).toArray())));
            entry.put("responseBytes", Math.round(median(warm.stream().mapToDouble(Sample::responseBytes).toArray())));
        }
        Files.writeString(OUTPUT, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static boolean isRead(String operation) {
        return switch (operation) {
            case "GetItem", "Query", "BatchGetItem", "Scan", "TransactGetItems" -> true;
            default -> false;
        };
    }

    /** The business counters {@link BusinessMetrics} and commerce name: each is a CloudWatch metric per service that counts it. */
    private static int businessMetricNames() {
        return (int) java.util.stream.Stream.of(BusinessMetrics.class, dev.lectern.commerce.CommerceMetrics.class)
                .flatMap(c -> Arrays.stream(c.getFields()))
                .filter(f -> f.getType() == String.class && Modifier.isStatic(f.getModifiers())).map(Field::getName).count();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }

    private static long responseBytes(ApiClient.Response response) {
        long bytes = "HTTP/1.1 200 OK\r\n".length() + 2;
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.getBytes(StandardCharsets.UTF_8).length + 2;
            }
        }
        return bytes + response.body().getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("an EMF line that is not JSON: " + text, e);
        }
    }

    private static OutputStream tee(PrintStream original, StringBuilder captured) {
        return new OutputStream() {
            private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    for (int i = off; i < off + len; i++) {
                        buffer.write(b[i]);
                        if (b[i] == '\n') {
                            captured.append(buffer.toString(StandardCharsets.UTF_8));
                            buffer.reset();
                        }
                    }
                }
            }
        };
    }

    /**
     * An appender beside the functions' own ({@link LogbackConfigurator#APPENDER}) that measures
     * each line with the same encoder, while a call is observed. Installed once per JVM.
     */
    private static synchronized void installLogCounter() {
        if (installed) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(LogbackConfigurator.APPENDER) instanceof OutputStreamAppender<ILoggingEvent> json)) {
            throw new IllegalStateException("no " + LogbackConfigurator.APPENDER + " in the Logback configuration: core's LogbackConfigurator is not the one in use");
        }
        Encoder<ILoggingEvent> encoder = json.getEncoder();
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (!recording) {
                    return;
                }
                String correlationId = event.getMDCPropertyMap().get(Logs.CORRELATION_ID);
                Line line = new Line(correlationId, encoder.encode(event).length);
                synchronized (LOG_LINES) {
                    LOG_LINES.add(line);
                }
            }
        };
        counter.setName("RouteCostLogBytes");
        counter.setContext(context);
        counter.start();
        root.addAppender(counter);
        installed = true;
    }
}
