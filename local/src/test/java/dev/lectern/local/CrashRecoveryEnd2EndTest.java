package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.aws.LocalClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local platform killed during a burst of writes ({@code kill -9}: {@link Process#destroyForcibly}),
 * then started again on the same data directory: every acknowledged write must be there, every
 * item whole (every course readable with its syllabus), and every counter must agree with the
 * items that exist — enrollCount (on the course's counters item) with the course's entitlements,
 * ratingCount and ratingSum with its reviews, each review with its listed copy — whether or not the
 * writes in flight at the kill made it.
 *
 * <p>Runs the platform as a separate JVM from this test's classpath ({@code dev.lectern.local.Main}),
 * {@value #DEFAULT_RUNS} times (more with {@code -Dlectern.crash.runs=N}), and prints how many
 * acknowledged writes each run lost. DynamoDB Local keeps the table in SQLite with SQLite's defaults
 * (rollback journal, {@code synchronous=FULL}), but answers a transaction once its COMMIT is queued,
 * not done; the local emulators wait for it ({@code Emulators.DurableTransactions}), so a process
 * crash loses nothing acknowledged (docs/security.md, "What a crash of the local platform can lose").
 */
class CrashRecoveryEnd2EndTest {

    private static final int DEFAULT_RUNS = 2;
    private static final int THREADS = 6;
    private static final long SEED = 20261128L;

    /** What a write that was acknowledged promised. */
    record Ack(String kind, String courseId, String userId, int rating) {
    }

    record Learner(String token, String id) {
    }

    @Test
    void acknowledgedWritesSurviveAKillAndEveryCounterAgreesWithItsItems() throws Exception {
        int runs = Integer.getInteger("lectern.crash.runs", DEFAULT_RUNS);
        Random random = new Random(SEED);
        List<String> report = new ArrayList<>();
        int lostInAll = 0;
        int acknowledgedInAll = 0;
        List<String> broken = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path data = Files.createTempDirectory("lectern-crash-");
            try {
                RunResult result = crashOnce(data, 1_500 + random.nextInt(2_000), new Random(random.nextLong()));
                lostInAll += result.lost().size();
                acknowledgedInAll += result.acknowledged();
                broken.addAll(result.broken());
                unexpected.addAll(result.unexpected());
                report.add(String.format("run %d: %d acknowledged writes (%d in flight at the kill), %d lost%s", run, result.acknowledged(),
                        result.inFlight(), result.lost().size(), result.lost().isEmpty() ? "" : " " + result.lost()));
            } finally {
                deleteQuietly(data);
            }
        }
        report.forEach(System.out::println);
        System.out.printf("crash test: %d runs, %d acknowledged writes lost%n", runs, lostInAll);
        assertThat(acknowledgedInAll).as("writes the burst got acknowledged before the kills: a platform that refused "
                + "everything would lose nothing").isGreaterThanOrEqualTo(runs * 20);
        assertThat(unexpected).as("burst threads that ended on something else than the kill").isEmpty();
        assertThat(broken).as("items that are not whole or counters that disagree with their items").isEmpty();
        assertThat(lostInAll).as("acknowledged writes lost over " + runs + " kills").isZero();
    }

    /** @param unexpected what burst threads ended on, other than the connection the kill broke */
    record RunResult(int acknowledged, int inFlight, List<String> lost, List<String> broken, List<String> unexpected) {
    }

    /**
     * The emulator's part alone, with the crash placed where it hurts: a process of its own starts
     * the emulators on a data directory, answers itself {@code n} TransactWriteItems (an item and its
     * partition's counter) and halts the JVM the instant the last answer arrives ({@code Runtime.halt}:
     * no shutdown hooks, like {@code kill -9}). Every acknowledged transaction must be on disk when
     * the emulators start again on that directory, and the counter must equal its items.
     */
    @Test
    void aTransactionIsOnDiskWhenItIsAnswered() throws Exception {
        int runs = Integer.getInteger("lectern.crash.txRuns", 2);
        Random random = new Random(SEED + 1);
        int lostInAll = 0;
        List<String> broken = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path data = Files.createTempDirectory("lectern-crash-tx-");
            try {
                int transactions = 20 + random.nextInt(200);
                List<String> command = javaCommand();
                command.addAll(List.of(HaltAfterTransactions.class.getName(), data.toString(), String.valueOf(transactions)));
                Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                child.waitFor();
                Map<Integer, Set<String>> acknowledged = new HashMap<>();
                output.lines().filter(l -> l.startsWith("acknowledged ")).map(l -> l.split(" "))
                        .forEach(p -> acknowledged.computeIfAbsent(Integer.parseInt(p[1]), w -> new java.util.HashSet<>()).add("ITEM#" + p[2]));
                if (acknowledged.values().stream().mapToInt(Set::size).sum() < transactions) {
                    throw new IllegalStateException("the child stopped early: " + output);
                }
                int lost = 0;
                try (var emulators = dev.lectern.local.emulators.Emulators.start(new dev.lectern.local.emulators.Emulators.Options(
                        false, data, HaltAfterTransactions.PREFIX, 0, 0, 0, 0))) {
                    String table = emulators.resources().tableName();
                    for (var writer : acknowledged.entrySet()) {
                        var items = emulators.dynamoDb().query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("PK = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CRASHTEST#" + writer.getKey())))).items();
                        long counter = items.stream().filter(i -> i.get("SK").s().equals("COUNT")).mapToLong(i -> Long.parseLong(i.get("n").n()))
                                .findFirst().orElse(0);
                        Set<String> present = new java.util.HashSet<>();
                        items.stream().map(i -> i.get("SK").s()).filter(sk -> sk.startsWith("ITEM#")).forEach(present::add);
                        lost += (int) writer.getValue().stream().filter(item -> !present.contains(item)).count();
                        if (counter != present.size()) {
                            broken.add("run " + run + ", writer " + writer.getKey() + ": counter " + counter + " but " + present.size() + " items");
                        }
                    }
                }
                lostInAll += lost;
                System.out.printf("transactions run %d: %d acknowledged, %d lost%n", run, transactions, lost);
            } finally {
                deleteQuietly(data);
            }
        }
        assertThat(broken).as("counters that disagree with their items").isEmpty();
        assertThat(lostInAll).as("acknowledged transactions lost over " + runs + " halts").isZero();
    }

    /**
     * The child of {@link #aTransactionIsOnDiskWhenItIsAnswered}: {@value #WRITERS} writers send
     * transactions, each on its own partition, and print each answer; the JVM halts as soon as
     * {@code n} answers are printed.
     */
    static final class HaltAfterTransactions {

        static final String PREFIX = "lectern-crash-";
        static final int WRITERS = 6;

        public static void main(String[] args) throws InterruptedException {
            var emulators = dev.lectern.local.emulators.Emulators.start(new dev.lectern.local.emulators.Emulators.Options(
                    false, Path.of(args[0]), PREFIX, 0, 0, 0, 0));
            String table = emulators.resources().tableName();
            int n = Integer.parseInt(args[1]);
            AtomicInteger answered = new AtomicInteger();
            Object out = new Object();
            for (int w = 0; w < WRITERS; w++) {
                AttributeValue pk = AttributeValue.fromS("CRASHTEST#" + w);
                int writer = w;
                Thread.ofPlatform().daemon(true).start(() -> {
                    for (int i = 1; ; i++) {
                        int item = i;
                        emulators.dynamoDb().transactWriteItems(b -> b.transactItems(
                                t -> t.put(p -> p.tableName(table).item(Map.of("PK", pk, "SK", AttributeValue.fromS("ITEM#" + item)))),
                                t -> t.update(u -> u.tableName(table).key(Map.of("PK", pk, "SK", AttributeValue.fromS("COUNT")))
                                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
                        synchronized (out) {
                            System.out.println("acknowledged " + writer + " " + item);
                            System.out.flush();
                            if (answered.incrementAndGet() >= n) {
                                Runtime.getRuntime().halt(0);
                            }
                        }
                    }
                });
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private RunResult crashOnce(Path data, int killAfterMillis, Random random) throws Exception {
        int port = freePorts();
        Process platform = start(port, data);
        ApiClient api = new ApiClient("http://127.0.0.1:" + port).unchecked();
        List<Ack> acks = new CopyOnWriteArrayList<>();
        Map<String, String> owners = new ConcurrentHashMap<>();
        List<String> creators = new ArrayList<>();
        List<Learner> learners = new ArrayList<>();
        try {
            awaitHealthy(api, platform);
            for (int i = 0; i < 3; i++) {
                creators.add(api.signUp(true));
            }
            for (int i = 0; i < 8; i++) {
                String token = api.signUp(false);
                learners.add(new Learner(token, JWT.decode(token).getSubject()));
            }
            // a few published courses before the burst, so that enrolments and reviews start at once
            List<String> published = new CopyOnWriteArrayList<>();
            for (String creator : creators) {
                published.add(java.util.Objects.requireNonNull(publishedCourse(api, creator, acks, owners), "a course before the burst"));
            }
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger inFlight = new AtomicInteger();
            List<String> unexpected = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = random.nextLong();
                int worker = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        burst(api, worker, new Random(seed), creators, learners, published, owners, acks, killed, inFlight);
                    } catch (RuntimeException | Error e) {
                        unexpected.add("worker " + worker + ": " + e);
                    }
                }));
            }
            Thread.sleep(killAfterMillis);
            killed.set(true);
            platform.destroyForcibly().waitFor();
            for (Thread thread : threads) {
                thread.join();
            }
            int acknowledged = acks.size();
            platform = start(port, data);
            awaitHealthy(api, platform);
            List<String> lost = lost(api, acks, owners, learners);
            List<String> broken = wholeAndCounted(port, api, owners.keySet(), learners);
            return new RunResult(acknowledged, inFlight.get(), lost, broken, unexpected);
        } finally {
            platform.destroyForcibly().waitFor();
        }
    }

    /** One writer: creates courses, enrols learners and reviews, until the platform dies. */
    private static void burst(ApiClient api, int worker, Random random, List<String> creators, List<Learner> learners, List<String> published,
                              Map<String, String> owners, List<Ack> acks, AtomicBoolean killed, AtomicInteger inFlight) {
        while (!killed.get()) {
            try {
                int choice = random.nextInt(10);
                if (choice < 3) {
                    String creator = creators.get(random.nextInt(creators.size()));
                    String course = publishedCourse(api, creator, acks, owners);
                    if (course != null) {
                        published.add(course);
                    }
                } else {
                    Learner learner = learners.get(random.nextInt(learners.size()));
                    String course = published.get(random.nextInt(published.size()));
                    if (choice < 7) {
                        if (api.post("/courses/" + course + "/enroll", learner.token(), null).status() == 200) {
                            acks.add(new Ack("enrolment", course, learner.id(), 0));
                        }
                    } else {
                        int rating = 1 + random.nextInt(5);
                        var response = api.post("/courses/" + course + "/reviews", learner.token(), "{\"rating\":" + rating + "}");
                        if (response.status() == 201) {
                            acks.add(new Ack("review", course, learner.id(), rating));
                        }
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                if (killed.get()) {
                    inFlight.incrementAndGet();
                    return;
                }
                throw e;
            }
        }
    }

    /** A free course with a section and an article lesson, published; each step acknowledged. Null when a step was refused. */
    private static String publishedCourse(ApiClient api, String creator, List<Ack> acks, Map<String, String> owners) {
        var created = api.post("/courses", creator, "{\"title\":\"Crash " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"language\":\"en\",\"level\":\"all\",\"price\":{\"amount\":0,\"currency\":\"usd\"}}");
        if (created.status() != 201) {
            return null;
        }
        String course = created.json().get("id").asText();
        acks.add(new Ack("course", course, null, 0));
        owners.put(course, creator);
        var section = api.post("/courses/" + course + "/sections", creator, "{\"title\":\"S\"}");
        if (section.status() != 201) {
            return null;
        }
        String sectionId = section.json().get("id").asText();
        acks.add(new Ack("section:" + sectionId, course, null, 0));
        var lesson = api.post("/courses/" + course + "/lessons", creator, "{\"sectionId\":\"" + sectionId
                + "\",\"title\":\"L\",\"kind\":\"article\",\"body\":\"# x\"}");
        if (lesson.status() != 201) {
            return null;
        }
        acks.add(new Ack("lesson:" + lesson.json().get("id").asText(), course, null, 0));
        if (api.post("/courses/" + course + "/publish", creator, null).status() != 200) {
            return null;
        }
        acks.add(new Ack("published", course, null, 0));
        return course;
    }

    /** The acknowledged writes that are not there after the restart. */
    private static List<String> lost(ApiClient api, List<Ack> acks, Map<String, String> owners, List<Learner> learners) {
        List<String> lost = new ArrayList<>();
        Map<String, JsonNode> courses = new ConcurrentHashMap<>();
        Map<String, Set<String>> libraries = new ConcurrentHashMap<>();
        for (Ack ack : acks) {
            JsonNode course = courses.computeIfAbsent(ack.courseId(), id -> {
                var response = api.get("/courses/" + id, owners.get(id));
                return response.status() == 200 ? response.json() : null;
            });
            if (course == null) {
                lost.add(ack.kind() + " " + ack.courseId() + " (the course is gone)");
                continue;
            }
            String kind = ack.kind();
            boolean there = switch (kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind) {
                case "course" -> true;
                case "section" -> course.get("syllabus").findValuesAsText("id").contains(kind.substring(kind.indexOf(':') + 1));
                case "lesson" -> course.get("syllabus").findValuesAsText("id").contains(kind.substring(kind.indexOf(':') + 1));
                case "published" -> "published".equals(course.get("status").asText());
                case "enrolment" -> libraries.computeIfAbsent(ack.userId(), id -> library(api, learners, id)).contains(ack.courseId());
                case "review" -> reviewers(api, ack.courseId()).contains(ack.userId());
                default -> throw new IllegalStateException(kind);
            };
            if (!there) {
                lost.add(kind + " " + ack.courseId() + (ack.userId() == null ? "" : " by " + ack.userId()));
            }
        }
        return lost;
    }

    private static Set<String> library(ApiClient api, List<Learner> learners, String userId) {
        String token = learners.stream().filter(l -> l.id().equals(userId)).findFirst().orElseThrow().token();
        return Set.copyOf(api.get("/me/library", token).json().get("items").findValuesAsText("id"));
    }

    private static Set<String> reviewers(ApiClient api, String courseId) {
        return Set.copyOf(api.get("/courses/" + courseId + "/reviews?limit=100", null).json().get("items").findValuesAsText("userId"));
    }

    /**
     * Every course readable with its syllabus; enrollCount, ratingCount and ratingSum (its
     * {@code META#STATS} item) equal to what its items say; every listed review the copy of a review.
     */
    private static List<String> wholeAndCounted(int port, ApiClient api, Set<String> courses, List<Learner> learners) {
        List<String> broken = new ArrayList<>();
        String table = api.get("/_local/info", null).json().at("/dynamodb/table").asText();
        try (DynamoDbClient dynamo = LocalClients.dynamoDb(URI.create("http://127.0.0.1:" + (port + 1)))) {
            // every course in the table, acknowledged or not (a create in flight at the kill may have landed)
            Set<String> all = new java.util.TreeSet<>(courses);
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true).filterExpression("SK = :meta AND begins_with(PK, :course)")
                            .expressionAttributeValues(Map.of(":meta", AttributeValue.fromS("META"), ":course", AttributeValue.fromS("COURSE#"))))
                    .items().forEach(item -> all.add(item.get("PK").s().substring("COURSE#".length())));
            for (String course : all) {
                Map<String, AttributeValue> meta = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("PK", AttributeValue.fromS("COURSE#" + course), "SK", AttributeValue.fromS("META")))).item();
                if (meta == null || meta.isEmpty()) {
                    continue; // never acknowledged and never written: nothing to be whole
                }
                for (String attribute : List.of("title", "creatorId", "status", "version", "createdAt")) {
                    if (!meta.containsKey(attribute)) {
                        broken.add("course " + course + " has no " + attribute);
                    }
                }
                var detail = api.get("/courses/" + course, null);
                if ("published".equals(meta.get("status").s()) && (detail.status() != 200 || !detail.json().has("syllabus"))) {
                    broken.add("course " + course + " is published but not readable with its syllabus: " + detail.status());
                }
                long entitlements = learners.stream().filter(l -> !dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("PK", AttributeValue.fromS("ENTITLEMENTS#" + l.id()), "SK", AttributeValue.fromS("COURSE#" + course))))
                        .item().isEmpty()).count();
                List<Map<String, AttributeValue>> reviews = learners.stream().map(l -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                                .key(Map.of("PK", AttributeValue.fromS("PERSONAL#" + l.id()), "SK", AttributeValue.fromS("review#" + course))))
                        .item()).filter(item -> !item.isEmpty()).toList();
                List<Map<String, AttributeValue>> listed = dynamo.query(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("REVIEWS#" + course))))
                        .items();
                long ratingSum = reviews.stream().mapToLong(r -> Long.parseLong(r.get("rating").n())).sum();
                Map<String, AttributeValue> stats = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("PK", AttributeValue.fromS("COURSE#" + course), "SK", AttributeValue.fromS("META#STATS")))).item();
                check(broken, course, "enrollCount", number(stats, "enrollCount"), entitlements);
                check(broken, course, "ratingCount", number(stats, "ratingCount"), reviews.size());
                check(broken, course, "ratingSum", number(stats, "ratingSum"), ratingSum);
                Set<String> reviewCopies = reviews.stream().map(r -> r.get("userId").s() + " " + r.get("rating").n()).collect(java.util.stream.Collectors.toSet());
                Set<String> listedCopies = listed.stream().map(r -> r.get("userId").s() + " " + r.get("rating").n()).collect(java.util.stream.Collectors.toSet());
                if (!reviewCopies.equals(listedCopies) || listed.size() != reviews.size()) {
                    broken.add("course " + course + ": reviews " + reviewCopies + " but listed " + listedCopies);
                }
            }
        }
        return broken;
    }

    private static void check(List<String> broken, String course, String counter, long value, long items) {
        if (value != items) {
            broken.add("course " + course + ": " + counter + " " + value + " but its items say " + items);
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    // --- the platform as a process ---------------------------------------------------------------

    /** This JVM's java, its native-access flags and its classpath: what runs the platform as a process. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access"))
                .forEach(command::add);
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
        return command;
    }

    private static Process start(int port, Path data) throws IOException {
        List<String> command = javaCommand();
        command.addAll(List.of("dev.lectern.local.Main", "--port", String.valueOf(port), "--data-dir", data.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
    }

    private static void awaitHealthy(ApiClient api, Process platform) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!platform.isAlive()) {
                throw new IllegalStateException("the platform exited with " + platform.exitValue());
            }
            try {
                if (api.get("/health", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the platform did not answer /health within 180 s");
    }

    /** A port p with p+1..p+3 free too (the platform's emulators listen there). */
    private static int freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (port < 65_000 && Stream.of(1, 2, 3).allMatch(i -> free(port + i))) {
                return port;
            }
        }
        throw new IllegalStateException("no four free ports in a row");
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory: the system cleans it eventually
        }
        dir.resolveSibling(dir.getFileName() + ".log").toFile().delete();
    }
}
