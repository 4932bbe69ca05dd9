package dev.lectern.bench;

import static dev.lectern.core.dynamo.Items.s;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.lectern.core.auth.KeySetSource;
import dev.lectern.core.aws.AwsClients;
import dev.lectern.core.aws.LocalClients;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.http.Json;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.events.SampleEvents;
import dev.lectern.identity.TokenIssuer;
import dev.lectern.local.emulators.SharedEmulators;
import dev.lectern.recommend.ModelStore;
import dev.lectern.recommend.RecommendModel;
import dev.lectern.recommend.RecommendService;
import dev.lectern.recommend.RecommendationsHandler;
import dev.lectern.recommend.Recommender;
import dev.lectern.recommend.SimilarCoursesHandler;
import dev.lectern.recommend.ModelAssembly;
import dev.lectern.recommend.ModelVersions;
import dev.lectern.recommend.model.AlsParams;
import dev.lectern.recommend.model.Factors;
import dev.lectern.recommend.model.Neighbours;
import dev.lectern.recommend.model.RegressionParams;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Warm latency of the two recommendation routes at catalog scale, against the emulators (DynamoDB
 * Local, S3Proxy) running in a JVM of their own ({@link EmulatorProcess}): 100,000 published
 * courses and a few thousand learners with their entitlements in the table, a synthetic model
 * version of the job's shape published with {@link ModelStore} (so each function loads it at init
 * as in production), both handlers built with their no-argument constructor in their own function
 * environment, then warm-up and timed rounds of random courses and learners. Beside each request,
 * the DynamoDB calls that request makes (the same BatchGetItem, the same Query) are issued directly
 * with an SDK client configured as the function's, as the baseline: what the route adds to its
 * storage reads. Route and baseline take turns going first.
 * Usage: {@code RecommendServingBenchmark [courses] [rounds] [callsPerRound]}. Method and
 * figures: docs/performance.md, "Recommendation serving at 100k courses".
 */
public final class RecommendServingBenchmark {

    private static final int CREATORS = 10_000;
    private static final int TAGS = 2_000;
    private static final int LEARNERS = 3_000;
    private static final int MAX_OWNED = 30;
    private static final String[] LANGUAGES = {"en", "es", "pt-BR", "zh-Hans", "ja", "de", "fr"};
    private static final double[] LANGUAGE_SHARES = {0.55, 0.12, 0.08, 0.08, 0.05, 0.06, 0.06};
    /** Courses nobody has touched yet: no behaviour neighbours, popularity 0. */
    private static final double COLD_SHARE = 0.3;
    private static final int WARM_UP = 2_000;
    private static final int LIMIT = 10;
    /** What the routes read, as RecommendService does: the first page of candidates (every course is published here). */
    private static final int CANDIDATES_READ = RecommendService.page(LIMIT);
    /** RecommendStore's projection of a course summary: the baseline reads the same bytes. */
    private static final String SUMMARY = "PK, id, title, subtitle, creatorId, creatorName, #language, #level, tags, priceAmount, "
            + "priceCurrency, #status";
    private static final Map<String, String> SUMMARY_NAMES = Map.of("#language", "language", "#level", "level", "#status", "status");
    private static final String[] WORDS = ("java python rust go kotlin machine learning data science web design cooking baking "
            + "photography guitar piano marketing finance investing writing drawing yoga fitness spanish english japanese "
            + "history physics chemistry biology statistics cloud aws docker kubernetes security networks databases sql").split(" ");

    private RecommendServingBenchmark() {
    }

    /** The synthetic catalog: courses by index, as the model numbers them. */
    private record Catalog(String[] courseIds, String[] creators, int[] creatorOf, int[] languageOf, String[] tags, int[][] tagsOf,
                           float[] popularity, int[] byPopularity) {
    }

    /** A learner, the courses they have (active or not) and the language their browser asks for. */
    private record Learner(String userId, Map<String, Float> owned, String language) {
    }

    /** One route's timings in one round, and its baseline's. */
    private record Round(double[] route, double[] dynamoDb) {
    }

    public static void main(String[] args) throws Exception {
        int courses = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        // every request writes a log line and an EMF metrics line on stdout, as on Lambda: they are
        // produced (their cost is measured) but discarded, so that stdout carries the results only
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int status = 0;
        try (EmulatorProcess emulators = EmulatorProcess.start()) {
            run(emulators, courses, rounds, calls, out);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(EmulatorProcess emulators, int courses, int rounds, int calls, PrintStream out) throws Exception {
        Random random = new Random(42);
        SharedEmulators.attach(emulators.resources());
        LecternConfig shared = emulators.resources().config(SharedEmulators.STAGE);
        String table = shared.require(ResourceId.TABLE);
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(emulators.resources().dynamodbEndpoint());
        S3Client s3 = LocalClients.s3(emulators.resources().s3Endpoint());
        Catalog catalog = catalog(courses, random);
        List<Learner> learners = learners(catalog, random);
        long t0 = System.nanoTime();
        int written = write(dynamoDb, table, courseItems(catalog, random), learnerItems(learners, random));
        err("wrote %,d items in %.0f s", written, (System.nanoTime() - t0) / 1e9);

        ModelStore models = new ModelStore(s3, shared);
        RecommendModel synthetic = model(catalog, random);
        ModelVersions.Pointer pointer = models.publish(synthetic, Map.of("courses", courses, "synthetic", true));
        synthetic = null;
        long modelBytes = s3.headObject(b -> b.bucket(shared.require(ResourceId.ANALYTICS_BUCKET))
                .key(pointer.modelKey())).contentLength();
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = usedHeap(runtime);
        long l0 = System.nanoTime();
        RecommendModel model = models.load(pointer);
        double loadMs = (System.nanoTime() - l0) / 1e6;
        long modelHeap = usedHeap(runtime) - heapBefore;
        err("model %s: %,d bytes, loaded in %.0f ms, %,d bytes of heap", pointer.version(), modelBytes, loadMs, modelHeap);

        Route similarRoute = LecternCatalog.routeForHandler(SimilarCoursesHandler.class).orElseThrow();
        Route learnerRoute = LecternCatalog.routeForHandler(RecommendationsHandler.class).orElseThrow();
        Map<String, String> similarEnv = SharedEmulators.environmentFor(similarRoute);
        Map<String, String> learnerEnv = SharedEmulators.environmentFor(learnerRoute);
        heapBefore = usedHeap(runtime);
        long i0 = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> similarHandler =
                FunctionEnvironment.callWith(similarEnv, SimilarCoursesHandler::new);
        double similarInitMs = (System.nanoTime() - i0) / 1e6;
        long similarHeap = usedHeap(runtime) - heapBefore;
        i0 = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> learnerHandler =
                FunctionEnvironment.callWith(learnerEnv, RecommendationsHandler::new);
        double learnerInitMs = (System.nanoTime() - i0) / 1e6;
        err("handlers built: similar-courses %.0f ms (heap +%,d bytes), recommendations %.0f ms", similarInitMs, similarHeap,
                learnerInitMs);
        DynamoDbClient baseline = FunctionEnvironment.callWith(learnerEnv, () -> new AwsClients().dynamoDb(
                LecternConfig.fromEnvironment(), UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build()));

        Recommender recommender = new Recommender(model);
        Tokens tokens = new Tokens();
        Calls similar = new Calls("similar-courses", similarEnv, similarHandler, similarRoute,
                SampleEvents.text("similar-courses-get.apigw-v2.json"));
        Calls forLearner = new Calls("recommendations", learnerEnv, learnerHandler, learnerRoute,
                SampleEvents.text("recommendations-get.apigw-v2.json"));
        Zipf requestedCourse = new Zipf(courses, 0.8, random);

        Supplier<double[]> similarCall = () -> {
            String courseId = catalog.courseIds[catalog.byPopularity[requestedCourse.next()]];
            List<String> ids = new ArrayList<>(List.of(courseId));
            recommender.similar(courseId, List.of(), RecommendService.MAX_CANDIDATES).stream().limit(CANDIDATES_READ)
                    .forEach(c -> ids.add(c.courseId()));
            return routeAndBaseline(similar, () -> similar.timed(e -> {
                e.setRawPath("/courses/" + courseId + "/similar");
                e.getRequestContext().getHttp().setPath(e.getRawPath());
                e.setPathParameters(Map.of("courseId", courseId));
            }), () -> batchGet(baseline, table, ids));
        };
        Supplier<double[]> learnerCall = () -> {
            Learner learner = learners.get(random.nextInt(learners.size()));
            List<String> ids = recommender.forLearner(learner.userId(), learner.owned(), learner.language(), List.of(),
                    RecommendService.MAX_PER_CREATOR, RecommendService.MAX_CANDIDATES).stream().limit(CANDIDATES_READ)
                    .map(Recommender.Candidate::courseId).toList();
            return routeAndBaseline(forLearner, () -> forLearner.timed(e -> {
                Map<String, String> headers = new HashMap<>(e.getHeaders());
                headers.put("authorization", "Bearer " + tokens.of(learner.userId()));
                headers.put("accept-language", learner.language());
                e.setHeaders(headers);
            }), () -> {
                query(baseline, table, learner.userId());
                batchGet(baseline, table, ids);
            });
        };

        for (int i = 0; i < WARM_UP; i++) {
            similarCall.get();
            learnerCall.get();
        }
        err("warmed up with %,d calls per route", WARM_UP);
        List<Round> similarRounds = new ArrayList<>();
        List<Round> learnerRounds = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Round s = new Round(new double[calls], new double[calls]);
            Round l = new Round(new double[calls], new double[calls]);
            for (int i = 0; i < calls; i++) {
                double[] a = similarCall.get();
                s.route()[i] = a[0];
                s.dynamoDb()[i] = a[1];
                double[] b = learnerCall.get();
                l.route()[i] = b[0];
                l.dynamoDb()[i] = b[1];
            }
            similarRounds.add(s);
            learnerRounds.add(l);
            err("round %d: similar p50 %.2f p99 %.2f ms (BatchGetItem p99 %.2f), recommendations p50 %.2f p99 %.2f ms"
                            + " (Query + BatchGetItem p99 %.2f)", round, percentile(s.route(), 50), percentile(s.route(), 99),
                    percentile(s.dynamoDb(), 99), percentile(l.route(), 50), percentile(l.route(), 99), percentile(l.dynamoDb(), 99));
        }
        long servingHeap = usedHeap(runtime);

        out.println("| round | similar p50 | p95 | p99 | its BatchGetItem p50 | p95 | p99 "
                + "| recommendations p50 | p95 | p99 | its Query + BatchGetItem p50 | p95 | p99 |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int r = 0; r < rounds; r++) {
            out.println("| " + (r + 1) + " | " + cells(similarRounds.get(r).route()) + " | " + cells(similarRounds.get(r).dynamoDb())
                    + " | " + cells(learnerRounds.get(r).route()) + " | " + cells(learnerRounds.get(r).dynamoDb()) + " |");
        }
        out.println("| all | " + cells(pooled(similarRounds, Round::route)) + " | " + cells(pooled(similarRounds, Round::dynamoDb))
                + " | " + cells(pooled(learnerRounds, Round::route)) + " | " + cells(pooled(learnerRounds, Round::dynamoDb)) + " |");
        out.printf("%n%,d courses, %,d learners, k = %d, rank %d; model %,d bytes, loaded in %.0f ms, %,d bytes of heap; "
                        + "handler init %.0f ms (similar-courses) and %.0f ms (recommendations); heap used after the run %,d bytes; "
                        + "%d cores, %s %s%n%n", courses, learners.size(), neighbourSlots(), AlsParams.DEFAULT.rank(),
                modelBytes, loadMs, modelHeap, similarInitMs, learnerInitMs, servingHeap, runtime.availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("courses", courses);
        json.put("learners", learners.size());
        json.put("modelBytes", modelBytes);
        json.put("modelLoadMs", Math.round(loadMs));
        json.put("modelHeapBytes", modelHeap);
        json.put("similarInitMs", Math.round(similarInitMs));
        json.put("recommendationsInitMs", Math.round(learnerInitMs));
        json.put("similar", rounds(similarRounds, Round::route));
        json.put("similarDynamoDb", rounds(similarRounds, Round::dynamoDb));
        json.put("recommendations", rounds(learnerRounds, Round::route));
        json.put("recommendationsDynamoDb", rounds(learnerRounds, Round::dynamoDb));
        out.println(Json.write(json));
        out.flush();
    }

    /**
     * Milliseconds of the route and of its baseline, each first every other time (the route's
     * {@link Calls} counts): the second of two identical reads finds the emulator's caches warm,
     * which would favour whichever always came second.
     */
    private static double[] routeAndBaseline(Calls calls, DoubleSupplier route, Runnable baseline) {
        boolean routeFirst = calls.pairs++ % 2 == 0;
        double routeMillis = routeFirst ? route.getAsDouble() : 0;
        long b0 = System.nanoTime();
        baseline.run();
        double baselineMillis = (System.nanoTime() - b0) / 1e6;
        if (!routeFirst) {
            routeMillis = route.getAsDouble();
        }
        return new double[] {routeMillis, baselineMillis};
    }

    /** One route's handler, its event (the sample, changed per call) and the check that it answered 200. */
    private static final class Calls {

        private final String name;
        private final Map<String, String> env;
        private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
        private final Route route;
        private final String sample;
        private int count;
        private int pairs;

        Calls(String name, Map<String, String> env, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
              Route route, String sample) {
            this.name = name;
            this.env = env;
            this.handler = handler;
            this.route = route;
            this.sample = sample;
        }

        /** Milliseconds of one invocation, as Lambda makes it: inside the function's environment, the event already parsed. */
        double timed(java.util.function.Consumer<APIGatewayV2HTTPEvent> change) {
            // parsed as the Lambda runtime parses API Gateway v2's event: its plain Jackson serializer
            APIGatewayV2HTTPEvent event = JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPEvent.class).fromJson(sample);
            event.setRawQueryString("limit=" + LIMIT);
            event.setQueryStringParameters(Map.of("limit", String.valueOf(LIMIT)));
            change.accept(event);
            String requestId = name + "-" + ++count;
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = FunctionEnvironment.callWith(env, () -> handler.handleRequest(event,
                    SimpleLambdaContext.of(requestId, route.id(), route.memoryMb(), route.timeoutSeconds())));
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.getStatusCode() != 200) {
                System.err.println(name + " answered " + response.getStatusCode() + " to " + event.getRawPath() + ": " + response.getBody());
                System.exit(1);
            }
            return millis;
        }
    }

    private static Catalog catalog(int n, Random random) {
        String[] creators = new String[CREATORS];
        Arrays.setAll(creators, i -> Ids.newId());
        String[] tags = new String[TAGS];
        Arrays.setAll(tags, i -> WORDS[i % WORDS.length] + "-" + i);
        String[] courseIds = new String[n];
        int[] creatorOf = new int[n];
        int[] languageOf = new int[n];
        int[][] tagsOf = new int[n][];
        Zipf creator = new Zipf(CREATORS, 0.7, random);
        Zipf tag = new Zipf(TAGS, 0.9, random);
        for (int i = 0; i < n; i++) {
            courseIds[i] = Ids.newId();
            creatorOf[i] = creator.next();
            languageOf[i] = pick(LANGUAGE_SHARES, random);
            tagsOf[i] = java.util.stream.IntStream.generate(tag::next).limit(1 + random.nextInt(4)).distinct().toArray();
        }
        // popularity by a power law over a random order; the tail has none (cold courses)
        int[] byPopularity = shuffled(n, random);
        float[] popularity = new float[n];
        int warm = (int) (n * (1 - COLD_SHARE));
        for (int r = 0; r < warm; r++) {
            popularity[byPopularity[r]] = (float) (5_000 / Math.pow(r + 1, 0.9));
        }
        return new Catalog(courseIds, creators, creatorOf, languageOf, tags, tagsOf, popularity, byPopularity);
    }

    /**
     * Learners with 1–{@value #MAX_OWNED} courses each (most have few), chosen by popularity; one
     * entitlement in fifty is suspended (a disputed purchase: owned, not evidence).
     */
    private static List<Learner> learners(Catalog catalog, Random random) {
        Zipf course = new Zipf(catalog.courseIds.length, 0.8, random);
        List<Learner> learners = new ArrayList<>();
        for (int u = 0; u < LEARNERS; u++) {
            int count = 1 + (int) ((MAX_OWNED - 1) * Math.pow(random.nextDouble(), 3));
            Map<String, Float> owned = new LinkedHashMap<>();
            while (owned.size() < count) {
                owned.put(catalog.courseIds[catalog.byPopularity[course.next()]], random.nextInt(50) == 0 ? 0f : 1f);
            }
            learners.add(new Learner(Ids.newId(), owned, LANGUAGES[pick(LANGUAGE_SHARES, random)]));
        }
        return learners;
    }

    /** The META items as the catalog writes them (the fields recommendations read), all published, in the listing index. */
    private static List<Map<String, AttributeValue>> courseItems(Catalog catalog, Random random) {
        String[] levels = {"beginner", "intermediate", "advanced", "all"};
        long[] prices = {0, 999, 1999, 4999, 9999};
        Instant published = Instant.parse("2026-01-01T00:00:00Z");
        List<Map<String, AttributeValue>> items = new ArrayList<>(catalog.courseIds.length);
        for (int i = 0; i < catalog.courseIds.length; i++) {
            String id = catalog.courseIds[i];
            Map<String, AttributeValue> item = new HashMap<>(Courses.metaKey(id));
            item.put("id", s(id));
            item.put("creatorId", s(catalog.creators[catalog.creatorOf[i]]));
            item.put("creatorName", s("Creator " + catalog.creatorOf[i]));
            item.put("title", s(WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " masterclass"));
            item.put("subtitle", s("From the first steps in " + WORDS[random.nextInt(WORDS.length)] + " to real projects with "
                    + WORDS[random.nextInt(WORDS.length)]));
            item.put("language", s(LANGUAGES[catalog.languageOf[i]]));
            item.put("level", s(levels[random.nextInt(levels.length)]));
            item.put("tags", AttributeValue.fromL(Arrays.stream(catalog.tagsOf[i]).mapToObj(t -> AttributeValue.fromS(catalog.tags[t]))
                    .toList()));
            item.put("priceAmount", AttributeValue.fromN(String.valueOf(prices[random.nextInt(prices.length)])));
            item.put("priceCurrency", s("usd"));
            item.put("status", s("published"));
            item.put("GSI1PK", s(Courses.PUBLISHED_PARTITION));
            item.put("GSI1SK", s(Courses.sortable(published.plusSeconds(i)) + "#" + id));
            items.add(item);
        }
        return items;
    }

    /** Entitlement items as the catalog (free) and commerce (purchases) write them. */
    private static List<Map<String, AttributeValue>> learnerItems(List<Learner> learners, Random random) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Learner learner : learners) {
            learner.owned().forEach((courseId, strength) -> {
                Map<String, AttributeValue> item = new HashMap<>(Entitlements.key(learner.userId(), courseId));
                item.put("type", s("entitlement"));
                item.put("userId", s(learner.userId()));
                item.put("courseId", s(courseId));
                item.put("since", s(Instant.parse("2026-06-01T00:00:00Z").plusSeconds(random.nextInt(10_000_000)).toString()));
                item.put("source", s(random.nextBoolean() ? "free" : Entitlements.orderSource(Ids.newId())));
                if (strength == 0) {
                    item.put(Entitlements.SUSPENDED, AttributeValue.fromBool(true));
                }
                items.add(item);
            });
        }
        return items;
    }

    /** Parallel BatchWriteItem of 25 items each, unprocessed items sent again. */
    @SafeVarargs
    private static int write(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>>... lists) throws Exception {
        List<Map<String, AttributeValue>> items = Arrays.stream(lists).flatMap(List::stream).toList();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < items.size(); from += 25) {
                List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                        .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
                batches.add(writers.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        var response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
                        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    }
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        }
        return items.size();
    }

    /**
     * A model of the job's shape ({@link ModelAssembly#merge}): each warm course's
     * {@code RegressionParams.DEFAULT.kept()} behaviour neighbours (half among its first
     * tag's courses, half among popular courses) and {@link ModelAssembly#CONTENT_SLOTS} content
     * neighbours in its tag and language at a quarter of its best score, best first; a cold course
     * has only content neighbours. Item factors of {@code AlsParams.DEFAULT.rank()}.
     */
    private static RecommendModel model(Catalog c, Random random) {
        int n = c.courseIds.length;
        int behaviourSlots = RegressionParams.DEFAULT.kept();
        int k = neighbourSlots();
        Map<Integer, List<Integer>> byTag = new HashMap<>();
        Map<Long, List<Integer>> byTagAndLanguage = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byTag.computeIfAbsent(c.tagsOf[i][0], t -> new ArrayList<>()).add(i);
            byTagAndLanguage.computeIfAbsent((long) c.tagsOf[i][0] * LANGUAGES.length + c.languageOf[i], t -> new ArrayList<>()).add(i);
        }
        Zipf popular = new Zipf((int) (n * (1 - COLD_SHARE)), 0.8, random);
        int[] ids = new int[n * k];
        float[] scores = new float[n * k];
        Arrays.fill(ids, -1);
        for (int i = 0; i < n; i++) {
            Map<Integer, Float> chosen = new LinkedHashMap<>();
            float best = 0.3f + 0.6f * random.nextFloat();
            if (c.popularity[i] > 0) {
                List<Integer> sameTag = byTag.get(c.tagsOf[i][0]);
                float score = best;
                for (int attempt = 0; chosen.size() < behaviourSlots && attempt < 4 * behaviourSlots; attempt++) {
                    int j = attempt % 2 == 0 ? sameTag.get(random.nextInt(sameTag.size())) : c.byPopularity[popular.next()];
                    if (j != i && !chosen.containsKey(j)) {
                        chosen.put(j, score);
                        score *= 0.85f + 0.13f * random.nextFloat();
                    }
                }
            }
            float reference = chosen.isEmpty() ? 1f : best;
            List<Integer> content = byTagAndLanguage.get((long) c.tagsOf[i][0] * LANGUAGES.length + c.languageOf[i]);
            int added = 0;
            for (int attempt = 0; added < ModelAssembly.CONTENT_SLOTS && attempt < 4 * ModelAssembly.CONTENT_SLOTS; attempt++) {
                int j = content.get(random.nextInt(content.size()));
                if (j != i && !chosen.containsKey(j)) {
                    chosen.put(j, 0.25f * reference * (0.9f - 0.1f * added));
                    added++;
                }
            }
            List<Map.Entry<Integer, Float>> ordered = chosen.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed()).toList();
            for (int j = 0; j < ordered.size(); j++) {
                ids[i * k + j] = ordered.get(j).getKey();
                scores[i * k + j] = ordered.get(j).getValue();
            }
        }
        int rank = AlsParams.DEFAULT.rank();
        float[] factors = new float[n * rank];
        for (int f = 0; f < factors.length; f++) {
            factors[f] = (float) (0.1 * random.nextGaussian());
        }
        String[] languages = LANGUAGES.clone();
        Instant now = Clock.systemUTC().instant();
        String version = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now) + "-BENCH";
        return new RecommendModel(version, now, c.courseIds, c.creators, c.creatorOf, languages, c.languageOf,
                c.tags, c.tagsOf, c.popularity,
                new Neighbours(n, k, ids, scores), new Factors(rank, n, factors, 0, new float[0]));
    }

    /** The neighbour list length {@link ModelAssembly#merge} produces. */
    private static int neighbourSlots() {
        return RegressionParams.DEFAULT.kept() + ModelAssembly.CONTENT_SLOTS;
    }

    /**
     * Access tokens as the login function issues them, one per learner, issued again well before
     * they expire: a run under load outlasts {@link TokenIssuer#ACCESS_TOKEN_LIFETIME}.
     */
    private static final class Tokens {

        private final TokenIssuer issuer;
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<String, Instant> issuedAt = new HashMap<>();

        Tokens() {
            FunctionSpec login = LecternCatalog.function("login").orElseThrow();
            issuer = FunctionEnvironment.callWith(SharedEmulators.environmentFor(login), () -> new TokenIssuer(
                    new KeySetSource(LecternConfig.fromEnvironment(), Clock.systemUTC(), () -> null), Clock.systemUTC()));
        }

        String of(String userId) {
            Instant now = Instant.now();
            Instant issued = issuedAt.get(userId);
            if (issued == null || issued.plus(TokenIssuer.ACCESS_TOKEN_LIFETIME.dividedBy(2)).isBefore(now)) {
                tokens.put(userId, issuer.accessToken(userId, "Learner", Set.of("learner"), 0));
                issuedAt.put(userId, now);
            }
            return tokens.get(userId);
        }
    }

    /** The BatchGetItem RecommendStore.publishedSummaries makes for these ids (at most 100), its items read as it reads them. */
    private static void batchGet(DynamoDbClient dynamoDb, String table, List<String> courseIds) {
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(courseIds.stream().distinct().map(Courses::metaKey).toList())
                .projectionExpression(SUMMARY).expressionAttributeNames(SUMMARY_NAMES).build());
        while (!request.isEmpty()) {
            var pending = request;
            var response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
            if (response.responses().getOrDefault(table, List.of()).stream().noneMatch(Courses::isPublished)) {
                throw new IllegalStateException("the baseline read no published course of " + courseIds);
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
    }

    /** The Query RecommendStore.ownedCourses makes: the learner's entitlements partition. */
    private static void query(DynamoDbClient dynamoDb, String table, String userId) {
        if (dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Entitlements.partition(userId))))).items().stream().findAny().isEmpty()) {
            throw new IllegalStateException("the baseline found no entitlement of " + userId);
        }
    }

    private static long usedHeap(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String cells(double[] millis) {
        return String.format(Locale.ROOT, "%.2f | %.2f | %.2f", percentile(millis, 50), percentile(millis, 95), percentile(millis, 99));
    }

    /** Nearest rank. */
    private static double percentile(double[] millis, int p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double[] pooled(List<Round> rounds, java.util.function.Function<Round, double[]> column) {
        return rounds.stream().map(column).flatMapToDouble(Arrays::stream).toArray();
    }

    private static List<Map<String, Double>> rounds(List<Round> rounds, java.util.function.Function<Round, double[]> column) {
        return rounds.stream().map(column).map(m -> {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int p : new int[] {50, 95, 99}) {
                row.put("p" + p, Math.round(percentile(m, p) * 100) / 100.0);
            }
            return row;
        }).toList();
    }

    private static int pick(double[] shares, Random random) {
        double x = random.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            x -= shares[i];
            if (x < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void err(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }

    /** Ranks 0..n−1 with probability ∝ 1 / (rank + 1)^s: a few items take most of the draws. */
    private static final class Zipf {

        private final double[] cumulative;
        private final Random random;

        Zipf(int n, double s, Random random) {
            this.random = random;
            cumulative = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += 1 / Math.pow(r + 1, s);
                cumulative[r] = sum;
            }
        }

        int next() {
            int r = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
            return r >= 0 ? r : Math.min(cumulative.length - 1, -r - 1);
        }
    }
}
