package dev.lectern.local;

import dev.lectern.core.http.Json;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.local.emulators.LocalResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local/target/lectern-local.jar [options]}: the whole platform on this machine. */
public final class Main {

    static final String USAGE = """
            Usage: java -jar local/target/lectern-local.jar [options]

            Runs Lectern on this machine: the API on 127.0.0.1, DynamoDB Local, ElasticMQ (SQS),
            S3Proxy and a Stripe stand-in in the same JVM, the SQS consumers and the scheduled functions.

              --port <n>           API port (default 8080); DynamoDB, SQS, S3 and Stripe listen on n+1 to n+4
              --data-dir <dir>     where DynamoDB and S3 keep their data across restarts (default .lectern-data/)
              --in-memory          keep nothing on disk
              --seed               add demo data
              --queue-visibility <s>  visibility timeout for every queue, in seconds (default: each queue's own)
              --help               print this and exit

            Once started: GET /health, GET /_local/info (endpoints for `aws --endpoint-url`),
            GET /openapi.json, GET /docs, POST /_local/schedules/{name}/run. Ctrl-C stops it.
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalPlatform.Options options;
        try {
            options = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("lectern-local: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        long started = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(platform, stopped), "lectern-stop"));
        platform.warmUp();
        printBanner(platform, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    /** Closes everything, but never holds the exit for more than five seconds. */
    private static void stop(LocalPlatform platform, CountDownLatch stopped) {
        System.out.println("lectern-local: stopping");
        Thread closer = Thread.ofPlatform().daemon(true).start(platform::close);
        try {
            closer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }

    private static void printBanner(LocalPlatform platform, long millis) {
        Map<String, Object> info = platform.info();
        StringBuilder banner = new StringBuilder();
        banner.append("\nLectern is running (started in ").append(millis).append(" ms)\n\n");
        banner.append("  API        ").append(info.get("api")).append("  (try: curl ").append(info.get("api")).append("/health)\n");
        banner.append("  Docs       ").append(info.get("docs")).append("\n");
        banner.append("  Info       ").append(info.get("api")).append("/_local/info\n");
        banner.append("  Functions  ").append(LecternCatalog.functions().stream().filter(LocalResources::runsLocally).count())
                .append(", each seeing only the environment variables and grants its catalog entry declares\n\n");
        banner.append(Json.mapper().valueToTree(info).toPrettyString()).append("\n\n");
        banner.append("  With the aws CLI:\n");
        banner.append("    export AWS_ACCESS_KEY_ID=lecternlocal AWS_SECRET_ACCESS_KEY=lecternlocalsecret AWS_DEFAULT_REGION=us-east-1\n");
        banner.append("    aws --endpoint-url ").append(platform.emulators().resources().dynamodbEndpoint()).append(" dynamodb list-tables\n");
        platform.seeded().forEach(line -> banner.append("\n  Seeded: ").append(line));
        banner.append("\n  Ctrl-C stops everything.\n");
        System.out.println(banner);
    }

    /** Returns null for --help. */
    static LocalPlatform.Options parse(List<String> args) {
        int port = 8080;
        Path dataDir = Path.of(".lectern-data");
        boolean inMemory = false;
        boolean seed = false;
        int visibility = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port" -> port = intValue(arg, value(args, ++i, arg), 0, 65_532);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--in-memory" -> inMemory = true;
                case "--seed" -> seed = true;
                case "--queue-visibility" -> visibility = intValue(arg, value(args, ++i, arg), 1, 43_200);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new LocalPlatform.Options(port, dataDir, inMemory, seed, visibility);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int intValue(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got " + value);
        }
    }
}
