package dev.lectern.local.emulators;

import dev.lectern.core.auth.AuthConfig;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.FunctionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the emulators serve once provisioned: endpoints and the physical names and URLs of
 * Lectern's resources, in the form a function's configuration and a person's {@code aws} CLI need.
 */
public record LocalResources(URI dynamodbEndpoint, URI sqsEndpoint, URI s3Endpoint, String tableName,
                             Map<ResourceId, String> bucketNames, Map<ResourceId, String> queueUrls,
                             Map<ResourceId, String> deadLetterQueueUrls) {

    /**
     * Where a function finds its secrets locally: the whole JWT key set to sign, the public half to
     * verify, and Stripe's keys with the address of the Stripe it should call (the local platform's
     * stand-in; for tests without one, an address where nothing answers).
     */
    public record KeyFiles(Path signing, Path verification, Path stripeKeys, String stripeApiBase) {
    }

    /**
     * Whether the local platform (and the tests on the emulators) can run this function: not one that
     * needs a resource only stages with the Spark engine have ({@link FunctionSpec#needsSparkEngine}).
     */
    public static boolean runsLocally(FunctionSpec spec) {
        return !spec.needsSparkEngine();
    }

    /**
     * Exactly what the CDK stack gives this function ({@link FunctionEnvironment#of}), with the
     * emulators' endpoints, and the local key files in place of the key-set and Stripe secrets.
     */
    public Map<String, String> functionEnvironment(FunctionSpec spec, String stage, KeyFiles keys) {
        Map<String, String> env = new LinkedHashMap<>(FunctionEnvironment.of(spec, stage, this::resourceValue));
        if (env.remove(LecternConfig.SIGNING_KEYS_SECRET) != null) {
            env.put(AuthConfig.KEYS_FILE, keys.signing().toString());
        }
        if (env.remove(LecternConfig.VERIFICATION_KEYS_SECRET) != null) {
            env.put(AuthConfig.KEYS_FILE, keys.verification().toString());
        }
        if (env.remove(LecternConfig.STRIPE_KEYS_SECRET) != null) {
            env.put(LecternConfig.STRIPE_KEYS_FILE, keys.stripeKeys().toString());
            env.put(LecternConfig.STRIPE_API_BASE, keys.stripeApiBase());
        }
        env.put(LecternConfig.REGION, "us-east-1");
        env.put(LecternConfig.DYNAMODB_ENDPOINT, dynamodbEndpoint.toString());
        env.put(LecternConfig.SQS_ENDPOINT, sqsEndpoint.toString());
        env.put(LecternConfig.S3_ENDPOINT, s3Endpoint.toString());
        return env;
    }

    private String resourceValue(ResourceId resource) {
        return switch (resource) {
            case TABLE -> tableName;
            case MEDIA_BUCKET, ANALYTICS_BUCKET -> bucketNames.get(resource);
            case PAYMENTS_QUEUE, BEHAVIOUR_QUEUE, ACCOUNTS_QUEUE -> queueUrls.get(resource);
            // replaced by the key files above (and by the local platform's Stripe stand-in's)
            case SIGNING_KEYS, VERIFICATION_KEYS, STRIPE_KEYS -> "local";
            // the local platform runs no function that needs them (runsLocally)
            case EMR_APPLICATION, EMR_JOB_ROLE, SPARK_JOB_JAR -> throw new IllegalStateException(
                    "there is no " + resource + " locally: only stages with recommendEngine=emr have one");
        };
    }

    /**
     * Every resource at once: for tools and tests that run one piece of code outside the
     * catalog's functions (a store, a benchmark), where one function's grants do not apply.
     */
    public Map<String, String> sharedEnvironment(String stage) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LecternConfig.STAGE, stage);
        env.put(LecternConfig.REGION, "us-east-1");
        env.put(LecternConfig.DYNAMODB_ENDPOINT, dynamodbEndpoint.toString());
        env.put(LecternConfig.SQS_ENDPOINT, sqsEndpoint.toString());
        env.put(LecternConfig.S3_ENDPOINT, s3Endpoint.toString());
        env.put(LecternConfig.envName(ResourceId.TABLE), tableName);
        bucketNames.forEach((id, name) -> env.put(LecternConfig.envName(id), name));
        queueUrls.forEach((id, url) -> env.put(LecternConfig.envName(id), url));
        return env;
    }

    /** The configuration a function would read from {@link #sharedEnvironment}. */
    public LecternConfig config(String stage) {
        Map<String, String> env = sharedEnvironment(stage);
        return LecternConfig.from(env::get);
    }
}
