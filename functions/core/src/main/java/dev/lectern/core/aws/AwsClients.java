package dev.lectern.core.aws;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.routes.FunctionSpec;
import dev.lectern.core.routes.LecternCatalog;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One client of each kind per JVM, built on first use and then shared by every request. The
 * DynamoDB client is here because every context uses the table; the S3, SQS, Secrets Manager and
 * EMR Serverless clients live in {@link S3Clients}, {@link SqsClients}, {@link SecretsManagerClients}
 * and {@link EmrServerlessClients}, which
 * exist only where a context's jar carries that SDK module (core declares them optional, so a
 * context that never touches S3 ships no S3 code).
 * Credentials come from Lambda's environment in AWS (the fastest provider: no chain walk) and are
 * fixed dummies against the emulators. Timeouts are short because every caller is an API request
 * with a budget of seconds. In AWS every call is traced with X-Ray ({@link #tracing}).
 */
@Factory
public class AwsClients {

    /** What the emulators accept (DynamoDB Local wants letters and digits only); they check the signature, not an identity. */
    public static final AwsBasicCredentials LOCAL_CREDENTIALS = AwsBasicCredentials.create("lecternlocal", "lecternlocalsecret");

    @Singleton
    LecternConfig config() {
        return LecternConfig.fromEnvironment();
    }

    /** Millisecond ticks: timestamps in items and APIs read 2026-11-25T12:00:00.123Z, not nanoseconds. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Singleton
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Singleton
    public DynamoDbClient dynamoDb(LecternConfig config, SdkHttpClient http) {
        var builder = configured(DynamoDbClient.builder(), config, http);
        config.endpointOverride().ifPresent(e -> builder.endpointOverride(e.dynamodb()));
        return builder.build();
    }





    /** What every client of a function shares: the HTTP client, region, credentials, timeouts and interceptors. */
    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder, LecternConfig config, SdkHttpClient http) {
        return builder.httpClient(http)
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .overrideConfiguration(overrides(config));
    }

    static AwsCredentialsProvider credentials(LecternConfig config) {
        return config.endpointOverride().isPresent()
                ? StaticCredentialsProvider.create(LOCAL_CREDENTIALS)
                : EnvironmentVariableCredentialsProvider.create();
    }

    static ClientOverrideConfiguration overrides(LecternConfig config) {
        var builder = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(3))
                .apiCallTimeout(Duration.ofSeconds(8));
        localGuard(config).ifPresent(builder::addExecutionInterceptor);
        tracing(config).ifPresent(builder::addExecutionInterceptor);
        return builder.build();
    }

    /**
     * In AWS (no endpoint override), every call becomes an X-Ray subsegment of the invocation's
     * trace (Lambda's active tracing starts the trace; {@link XRaySubsegments} adds the service,
     * operation, table or queue, status and retries). Not against the emulators: there is no trace
     * to add to locally and no daemon to send it to.
     */
    static Optional<ExecutionInterceptor> tracing(LecternConfig config) {
        return config.endpointOverride().isPresent() ? Optional.empty() : Optional.of(Tracing.INTERCEPTOR);
    }

    /** One interceptor, and so one UDP socket, per JVM; not built at all against the emulators. */
    private static final class Tracing {
        static final ExecutionInterceptor INTERCEPTOR = XRaySubsegments.fromEnvironment();
    }

    /**
     * Against the emulators, a function whose environment names its catalog entry gets clients
     * that refuse what its grants do not allow, as IAM does in AWS ({@link LocalGrantGuard}).
     */
    static Optional<LocalGrantGuard> localGuard(LecternConfig config) {
        if (config.endpointOverride().isEmpty() || config.functionId().isEmpty()) {
            return Optional.empty();
        }
        String id = config.functionId().get();
        FunctionSpec spec = LecternCatalog.function(id)
                .orElseThrow(() -> new IllegalStateException(FunctionEnvironment.FUNCTION_ID + "=" + id + " names no catalog entry"));
        return Optional.of(new LocalGrantGuard(id, spec.effectiveAccess(), config));
    }
}
