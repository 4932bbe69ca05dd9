package dev.lectern.local;

import dev.lectern.core.aws.AwsClients;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.http.Json;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.StreamConsumer;
import dev.lectern.local.emulators.Emulators;
import dev.lectern.local.emulators.LocalKeys;
import dev.lectern.local.emulators.LocalResources;
import dev.lectern.local.stripe.StripeStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole platform in this JVM: the emulators with Lectern's resources, the API Gateway
 * emulation, one SQS event source per catalog consumer, one table stream reader per stream
 * consumer and the scheduler. Each function sees
 * exactly the environment variables the CDK stack gives it (its granted resources, with the
 * emulators' endpoints), and its AWS clients refuse what its grants do not allow, as IAM would.
 */
public final class LocalPlatform implements AutoCloseable {

    public static final String STAGE = "local";

    /**
     * @param port                      the API's port; 0 picks free ports for everything (tests)
     * @param dataDir                   where DynamoDB and S3 keep their data unless {@code inMemory}
     * @param visibilityTimeoutOverride seconds for every queue instead of its definition; 0 keeps the definitions
     * @param extraEnvironment          variables every function gets besides its own (tests shorten timeouts with them)
     */
    public record Options(int port, Path dataDir, boolean inMemory, boolean seed, int visibilityTimeoutOverride,
                          Map<String, String> extraEnvironment) {

        public Options {
            extraEnvironment = Map.copyOf(extraEnvironment);
        }

        public Options(int port, Path dataDir, boolean inMemory, boolean seed, int visibilityTimeoutOverride) {
            this(port, dataDir, inMemory, seed, visibilityTimeoutOverride, Map.of());
        }
    }

    private final Options options;
    private final Emulators emulators;
    private final FunctionPool functions;
    private final LocalScheduler scheduler;
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final DynamoDbStreamsClient streams;
    private final List<StreamEventSource> streamSources = new ArrayList<>();
    private final ApiGateway gateway;
    private final List<String> seeded;
    private final LocalResources.KeyFiles keyFiles;
    private final StripeStandIn stripe;
    private final Path stripeKeysFile;

    private LocalPlatform(Options options) throws IOException {
        this.options = options;
        int port = options.port();
        this.emulators = Emulators.start(new Emulators.Options(options.inMemory(), options.dataDir(), "lectern-local-",
                options.visibilityTimeoutOverride(), port == 0 ? 0 : port + 1, port == 0 ? 0 : port + 2, port == 0 ? 0 : port + 3));
        Path keys = options.inMemory() ? LocalKeys.temporary() : LocalKeys.ensure(options.dataDir().resolve("jwt-keys.json"));
        Clock clock = Clock.systemUTC();
        // Stripe on n+4; its webhooks go to the gateway, whose port is known once it has started
        this.stripe = StripeStandIn.start(StripeStandIn.Options.defaults(port == 0 ? 0 : port + 4), null, clock);
        this.stripeKeysFile = writeStripeKeys(stripe, options.inMemory() ? null : options.dataDir());
        this.keyFiles = new LocalResources.KeyFiles(keys, LocalKeys.publicCopy(keys), stripeKeysFile, stripe.apiBase());
        this.functions = new FunctionPool(this::functionEnvironment);
        this.scheduler = new LocalScheduler(functions, clock);
        String version = LecternConfig.fromEnvironment().version();
        LocalEndpoints local = new LocalEndpoints(this::info, scheduler, version, this::apiUrl, stripe);
        this.gateway = new ApiGateway(port, functions, local, clock);
        for (Consumer consumer : LecternCatalog.consumers()) {
            eventSources.add(new SqsEventSource(consumer, emulators.sqs(),
                    emulators.resources().queueUrls().get(consumer.queue()), functions));
        }
        this.streams = LocalClients.dynamoDbStreams(emulators.resources().dynamodbEndpoint());
        String streamArn = emulators.dynamoDb().describeTable(b -> b.tableName(emulators.resources().tableName())).table().latestStreamArn();
        for (StreamConsumer consumer : LecternCatalog.streamConsumers()) {
            streamSources.add(new StreamEventSource(consumer, streams, streamArn, functions));
        }
        // the demo data is in before the API opens: a client that sees /health answer 200 sees the seed
        DemoData.Seeded seed = options.seed() ? DemoData.seed(emulators, clock, options.inMemory() ? null : options.dataDir())
                : new DemoData.Seeded(List.of(), false);
        this.seeded = seed.lines();
        gateway.start();
        stripe.setWebhookUrl(URI.create(apiUrl() + "/webhooks/stripe"));
        eventSources.forEach(SqsEventSource::start);
        streamSources.forEach(StreamEventSource::start);
        scheduler.start();
        if (seed.behaviour()) {
            // the month of behaviour becomes analytics and recommendations without waiting for tonight's runs (a few
            // seconds, after the API opened; one after the other: the similarity job reads the Parquet files analytics writes)
            scheduler.runInBackground("analytics-daily", Map.of("days", Integer.toString(DemoBehaviour.DAYS)));
            scheduler.runInBackground("similarity", Map.of());
        }
    }

    public static LocalPlatform start(Options options) {
        try {
            return new LocalPlatform(options);
        } catch (IOException e) {
            throw new UncheckedIOException("the local platform did not start: " + e.getMessage(), e);
        }
    }

    /** Builds the functions' first instances in the background, so the first requests are quick. */
    public void warmUp() {
        Thread.ofVirtual().name("warm-up").start(() -> LecternCatalog.apiFunctions().forEach(functions::warm));
    }

    /**
     * What a function sees: what the CDK stack gives it, with emulator endpoints and local key
     * files; a function granted the Stripe secret gets the stand-in's address and a file with its keys instead.
     */
    public Map<String, String> functionEnvironment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>(emulators.resources().functionEnvironment(function, STAGE, keyFiles));
        if (LecternCatalog.contexts().stream().anyMatch(c -> c.module().equals(function.module()) && c.linksToSite())) {
            // the web app is this gateway's (in AWS: the distribution's URL, from the web stack)
            env.put(FunctionEnvironment.SITE_URL, apiUrl());
        }
        env.putAll(options.extraEnvironment());
        return env;
    }

    /** The stand-in's keys as the functions read them locally: in the data dir (owner-only), or a temporary file. */
    private static Path writeStripeKeys(StripeStandIn stripe, Path dataDir) throws IOException {
        Path file;
        if (dataDir == null) {
            Path dir = Files.createTempDirectory("lectern-stripe");
            dir.toFile().deleteOnExit();
            file = dir.resolve("stripe-keys.json");
        } else {
            Files.createDirectories(dataDir);
            file = dataDir.resolve("stripe-keys.json");
        }
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's own permissions apply
        }
        Files.writeString(file, Json.write(Map.of("apiKey", stripe.apiKey(), "webhookSecret", stripe.webhookSecret())));
        if (dataDir == null) {
            file.toFile().deleteOnExit();
        }
        return file.toAbsolutePath();
    }

    /** The file {@code {"apiKey","webhookSecret"}} that functions granted the Stripe secret read. */
    Path stripeKeysFile() {
        return stripeKeysFile;
    }

    /** The local Stripe: its API key and webhook secret, its controls (tests drive payments with them). */
    public StripeStandIn stripe() {
        return stripe;
    }

    /** The JWT key set this platform signs with (tests read it to forge tokens). */
    public Path signingKeysFile() {
        return keyFiles.signing();
    }

    /**
     * Makes a consumer's invocations fail at random, for tests of what redelivery does
     * ({@link SqsEventSource.FailureInjection}); a rate of 0 stops it.
     */
    public void injectConsumerFailures(String consumerId, double rate, int maxReceives, long seed) {
        SqsEventSource.FailureInjection injection = new SqsEventSource.FailureInjection(rate, maxReceives, new java.util.Random(seed));
        eventSources.stream().filter(s -> s.consumerId().equals(consumerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no consumer " + consumerId))
                .injectFailures(injection);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public Emulators emulators() {
        return emulators;
    }

    public List<String> seeded() {
        return seeded;
    }

    /** What {@code GET /_local/info} answers: everything an {@code aws --endpoint-url} user needs. */
    public Map<String, Object> info() {
        LocalResources r = emulators.resources();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("api", apiUrl());
        info.put("openapi", apiUrl() + "/openapi.json");
        info.put("docs", apiUrl() + "/docs");
        info.put("stage", STAGE);
        info.put("region", "us-east-1");
        info.put("credentials", Map.of("accessKeyId", AwsClients.LOCAL_CREDENTIALS.accessKeyId(),
                "secretAccessKey", AwsClients.LOCAL_CREDENTIALS.secretAccessKey()));
        info.put("dynamodb", Map.of("endpoint", r.dynamodbEndpoint().toString(), "table", r.tableName()));
        Map<String, Object> queues = new LinkedHashMap<>();
        r.queueUrls().forEach((id, url) -> queues.put(key(id), Map.of("url", url, "deadLetterUrl", r.deadLetterQueueUrls().get(id))));
        info.put("sqs", Map.of("endpoint", r.sqsEndpoint().toString(), "queues", queues));
        Map<String, Object> buckets = new LinkedHashMap<>();
        r.bucketNames().forEach((id, name) -> buckets.put(key(id), name));
        info.put("s3", Map.of("endpoint", r.s3Endpoint().toString(), "buckets", buckets));
        info.put("functions", "each sees only the environment and grants its catalog entry declares, as in AWS");
        info.put("consumers", LecternCatalog.consumers().stream().map(c -> Map.of("name", c.id(), "queue", key(c.queue()),
                "batchSize", c.batchSize())).toList());
        info.put("streamConsumers", streamSources.stream().map(StreamEventSource::info).toList());
        info.put("schedules", LecternCatalog.schedules().stream().filter(LocalResources::runsLocally).map(this::scheduleInfo).toList());
        info.put("stripe", stripe.info());
        info.put("data", options.inMemory() ? "in memory" : options.dataDir().toAbsolutePath().toString());
        return info;
    }

    private Map<String, Object> scheduleInfo(Scheduled s) {
        return Map.of("name", s.id(), "expression", s.expression(), "runNow", "POST " + apiUrl() + "/_local/schedules/" + s.id() + "/run");
    }

    private static String key(ResourceId id) {
        return id.name().toLowerCase(Locale.ROOT).replace("_queue", "").replace("_bucket", "");
    }

    /** Stops everything; bounded, so that Ctrl-C always ends the process within seconds. */
    @Override
    public void close() {
        gateway.close();
        stripe.close();
        scheduler.close();
        eventSources.forEach(SqsEventSource::close);
        streamSources.forEach(StreamEventSource::close);
        streams.close();
        functions.close();
        emulators.close();
    }
}
