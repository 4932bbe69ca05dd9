package dev.lectern.local.emulators;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import dev.lectern.core.aws.AwsClients;
import dev.lectern.core.aws.LocalClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import scala.concurrent.Await;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ and S3Proxy in this JVM, each on a loopback port, provisioned with
 * Lectern's table, queues and buckets from {@link dev.lectern.core.resources.LecternResources}.
 * DynamoDB and S3 keep their data under {@code dataDir} unless {@code inMemory}; queues always
 * start empty (ElasticMQ keeps them in memory).
 */
public final class Emulators implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    /**
     * The browser PUTs lesson media straight to a presigned URL and plays it back from one, from the
     * site's origin, which is never S3Proxy's. Every site that runs beside these emulators is on
     * loopback (the local platform's port, the Vite dev server's), so any loopback origin may PUT,
     * GET and HEAD, sending the headers a presigned upload signs (the browser sets Content-Length
     * itself); the ETag is readable so the page can tell the upload landed. As in AWS (DataStack),
     * the presigned URL is the authorization: CORS only lets the browser show the answer to the page.
     */
    static final CrossOriginResourceSharing MEDIA_CORS = new CrossOriginResourceSharing(
            List.of("https?://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?"),
            List.of("PUT", "GET", "HEAD"),
            List.of("content-type", "Content-Type"),
            List.of("ETag"),
            "false");

    /**
     * @param inMemory                  keep nothing on disk
     * @param dataDir                   where DynamoDB and S3 persist otherwise
     * @param namePrefix                physical name prefix, e.g. {@code lectern-local-}
     * @param visibilityTimeoutOverride seconds; when positive, every queue uses it instead of its
     *                                  definition (tests use 1 s so retries and redrive take seconds)
     * @param dynamodbPort              0 picks a free port; likewise the others
     */
    public record Options(boolean inMemory, Path dataDir, String namePrefix, int visibilityTimeoutOverride,
                          int dynamodbPort, int sqsPort, int s3Port) {

        public static Options forTests() {
            return new Options(true, null, "lectern-test-", 1, 0, 0, 0);
        }
    }

    private final Server dynamoServer;
    private final DynamoDBProxyServer dynamoProxy;
    private final SQSRestServer sqsServer;
    private final S3Proxy s3Proxy;
    private final LocalResources resources;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;

    private Emulators(Server dynamoServer, DynamoDBProxyServer dynamoProxy, SQSRestServer sqsServer, S3Proxy s3Proxy,
                      DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, LocalResources resources) {
        this.dynamoServer = dynamoServer;
        this.dynamoProxy = dynamoProxy;
        this.sqsServer = sqsServer;
        this.s3Proxy = s3Proxy;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.s3 = s3;
        this.resources = resources;
    }

    public static Emulators start(Options options) {
        try {
            ensureTmpDir();
            int dynamoPort = portOrFree(options.dynamodbPort());
            int sqsPort = portOrFree(options.sqsPort());
            int s3Port = portOrFree(options.s3Port());

            // DynamoDB Local's own launcher binds 0.0.0.0; we mount its handler on a loopback Jetty instead
            String dbPath = options.inMemory() ? null : directory(options.dataDir().resolve("dynamodb")).toString();
            var requestHandler = options.inMemory()
                    ? new LocalDynamoDBRequestHandler(0, true, null, true, false)
                    : new DurableTransactions(dbPath);
            var serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
            var dynamoProxy = new DynamoDBProxyServer(dynamoPort, serverHandler);
            var dynamoServer = new Server(new InetSocketAddress(InetAddress.getByName(LOOPBACK), dynamoPort));
            dynamoServer.setHandler(dynamoProxy.setUpHandler(serverHandler));
            dynamoServer.setStopTimeout(1000);
            dynamoServer.start();

            SQSRestServer sqsServer = SQSRestServerBuilder
                    .withInterface(LOOPBACK)
                    .withPort(sqsPort)
                    .withServerAddress(new NodeAddress("http", LOOPBACK, sqsPort, ""))
                    .withAWSRegion("us-east-1")
                    .start();
            sqsServer.waitUntilStarted();

            Properties s3Properties = new Properties();
            String provider = options.inMemory() ? "transient" : "filesystem";
            if (!options.inMemory()) {
                // absolute: with a relative base directory S3Proxy's filesystem store lists nothing
                s3Properties.setProperty("jclouds.filesystem.basedir",
                        directory(options.dataDir().toAbsolutePath().normalize().resolve("s3")).toString());
            }
            S3Proxy s3Proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create(provider, s3Properties))
                    .endpoint(URI.create("http://" + LOOPBACK + ":" + s3Port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4,
                            AwsClients.LOCAL_CREDENTIALS.accessKeyId(), AwsClients.LOCAL_CREDENTIALS.secretAccessKey())
                    .ignoreUnknownHeaders(true)
                    .corsRules(MEDIA_CORS)
                    .stopTimeout(1000)
                    .build();
            s3Proxy.start();
            waitUntilStarted(s3Proxy);

            URI dynamoUri = URI.create("http://" + LOOPBACK + ":" + dynamoPort);
            URI sqsUri = URI.create("http://" + LOOPBACK + ":" + sqsPort);
            URI s3Uri = URI.create("http://" + LOOPBACK + ":" + s3Port);
            DynamoDbClient dynamoDb = LocalClients.dynamoDb(dynamoUri);
            SqsClient sqs = LocalClients.sqs(sqsUri);
            S3Client s3 = LocalClients.s3(s3Uri);
            LocalResources resources = new ResourceProvisioner(dynamoDb, sqs, s3, options.namePrefix(),
                    options.visibilityTimeoutOverride()).provision(dynamoUri, sqsUri, s3Uri);
            return new Emulators(dynamoServer, dynamoProxy, sqsServer, s3Proxy, dynamoDb, sqs, s3, resources);
        } catch (Exception e) {
            throw new IllegalStateException("the emulators did not start: " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local's request handler, with transactions that are on disk when they are answered.
     * DynamoDB Local keeps a table in SQLite with SQLite's defaults (rollback journal,
     * {@code synchronous=FULL}), and every single-item request commits before it is answered; but
     * {@code TransactWriteItems} and {@code ExecuteTransaction} (2.6.1, {@code SQLiteDBAccess.commitTransaction})
     * only enqueue their {@code COMMIT} on the database's one SQLite thread and answer at once. A
     * process killed in between loses an acknowledged transaction whole (the journal rolls it back):
     * the issue saw one in five kills, the crash test two enrolments in 21. DynamoDB Local has
     * no option for this, so after each transaction we wait for a read queued behind the
     * {@code COMMIT} (the queue runs its jobs in order): the answer then leaves after the commit, as
     * DynamoDB's does. It costs one small SQLite read per transaction (docs/security.md).
     */
    private static final class DurableTransactions extends LocalDynamoDBRequestHandler {

        DurableTransactions(String dbPath) {
            super(0, false, dbPath, true, false);
        }

        @Override
        public com.amazonaws.services.dynamodbv2.model.TransactWriteItemsResult transactWriteItems(
                String accessKey, String region, com.amazonaws.services.dynamodbv2.model.TransactWriteItemsRequest request) {
            var result = super.transactWriteItems(accessKey, region, request);
            awaitCommit(accessKey, region);
            return result;
        }

        @Override
        public com.amazonaws.services.dynamodbv2.model.ExecuteTransactionResult executeTransaction(
                String accessKey, String region, com.amazonaws.services.dynamodbv2.model.ExecuteTransactionRequest request) {
            var result = super.executeTransaction(accessKey, region, request);
            awaitCommit(accessKey, region);
            return result;
        }

        /** ListTables runs on the same SQLite queue and is waited for: it ends after the COMMIT queued before it. */
        private void awaitCommit(String accessKey, String region) {
            listTables(accessKey, region, new com.amazonaws.services.dynamodbv2.model.ListTablesRequest().withLimit(1));
        }
    }

    public LocalResources resources() {
        return resources;
    }

    /** Clients against the emulators, for tools and tests (functions build their own). */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    /** Stops all three; each gets a bounded time so that Ctrl-C always ends the process. */
    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        s3.close();
        quietly(s3Proxy::stop);
        quietly(() -> Await.result(sqsServer.stopAndGetFuture().apply(), scala.concurrent.duration.Duration.create(5, TimeUnit.SECONDS)));
        quietly(dynamoServer::stop);
        quietly(dynamoProxy::stop);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception | Error ignored) {
            // stopping is best effort: the process is going away and the next start recreates everything
        }
    }

    private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 10 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
    }

    private static int portOrFree(int port) throws IOException {
        if (port > 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DynamoDB Local extracts its sqlite natives into java.io.tmpdir, which must exist. */
    private static void ensureTmpDir() {
        directory(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
