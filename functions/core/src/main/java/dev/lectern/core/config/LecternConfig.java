package dev.lectern.core.config;

import dev.lectern.core.resources.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Everything a function needs to know about where it runs, read once at init from its
 * environment variables ({@link FunctionEnvironment}: the CDK stack and the local platform give a
 * function the same names, see {@link #envName(ResourceId)}).
 *
 * @param stage            dev, prod, local...
 * @param region           AWS region
 * @param tableName        the single DynamoDB table
 * @param mediaBucket      private lesson media
 * @param analyticsBucket  event log and similarity matrices
 * @param paymentsQueueUrl payment events (FIFO)
 * @param behaviourQueueUrl behaviour events
 * @param accountsQueueUrl account lifecycle events
 * @param emrApplicationId the EMR Serverless application of the similarity job on Spark, where the stage has one
 * @param emrJobRoleArn    the role that job's runs assume
 * @param sparkJobJar      the job's jar, an {@code s3://} URI
 * @param endpointOverride set only against emulators: every client talks to this endpoint family
 * @param emrServerlessEndpoint set only where something stands in for EMR Serverless (tests): its client talks to it
 * @param functionId       the catalog entry this function serves, when its environment says
 * @param version          the build version
 */
public record LecternConfig(String stage, String region, String tableName, String mediaBucket,
                            String analyticsBucket, String paymentsQueueUrl, String behaviourQueueUrl, String accountsQueueUrl,
                            String signingKeysSecret, String verificationKeysSecret, String stripeKeysSecret,
                            String emrApplicationId, String emrJobRoleArn, String sparkJobJar,
                            Optional<Endpoints> endpointOverride, Optional<URI> emrServerlessEndpoint,
                            Optional<String> functionId, String version) {

    public static final String STAGE = "LECTERN_STAGE";
    public static final String TABLE_NAME = "LECTERN_TABLE_NAME";
    public static final String MEDIA_BUCKET = "LECTERN_MEDIA_BUCKET";
    public static final String ANALYTICS_BUCKET = "LECTERN_ANALYTICS_BUCKET";
    public static final String PAYMENTS_QUEUE_URL = "LECTERN_PAYMENTS_QUEUE_URL";
    public static final String BEHAVIOUR_QUEUE_URL = "LECTERN_BEHAVIOUR_QUEUE_URL";
    public static final String ACCOUNTS_QUEUE_URL = "LECTERN_ACCOUNTS_QUEUE_URL";
    public static final String SIGNING_KEYS_SECRET = "LECTERN_JWT_SIGNING_KEYS_SECRET";
    public static final String VERIFICATION_KEYS_SECRET = "LECTERN_JWT_VERIFICATION_KEYS_SECRET";
    public static final String STRIPE_KEYS_SECRET = "LECTERN_STRIPE_SECRET";
    public static final String EMR_APPLICATION_ID = "LECTERN_EMR_APPLICATION_ID";
    public static final String EMR_JOB_ROLE_ARN = "LECTERN_EMR_JOB_ROLE_ARN";
    public static final String SPARK_JOB_JAR = "LECTERN_SPARK_JOB_JAR";
    /** Locally, in place of the Stripe secret: a file {@code {"apiKey","webhookSecret"}}. */
    public static final String STRIPE_KEYS_FILE = "LECTERN_STRIPE_KEYS_FILE";
    /** Locally, beside it: where Stripe's client sends its requests (the local platform's stand-in). */
    public static final String STRIPE_API_BASE = "LECTERN_STRIPE_API_BASE";
    public static final String DYNAMODB_ENDPOINT = "LECTERN_DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "LECTERN_SQS_ENDPOINT";
    public static final String S3_ENDPOINT = "LECTERN_S3_ENDPOINT";
    /** There is no EMR Serverless emulator: only a test's stand-in of its API sets this. */
    public static final String EMR_SERVERLESS_ENDPOINT = "LECTERN_EMR_SERVERLESS_ENDPOINT";
    public static final String REGION = "AWS_REGION";

    /** Emulator endpoints, one per service. */
    public record Endpoints(URI dynamodb, URI sqs, URI s3) {
    }

    /** The environment variable that carries a resource's name or URL to a function. */
    public static String envName(ResourceId resource) {
        return switch (resource) {
            case TABLE -> TABLE_NAME;
            case MEDIA_BUCKET -> MEDIA_BUCKET;
            case ANALYTICS_BUCKET -> ANALYTICS_BUCKET;
            case PAYMENTS_QUEUE -> PAYMENTS_QUEUE_URL;
            case BEHAVIOUR_QUEUE -> BEHAVIOUR_QUEUE_URL;
            case ACCOUNTS_QUEUE -> ACCOUNTS_QUEUE_URL;
            case SIGNING_KEYS -> SIGNING_KEYS_SECRET;
            case VERIFICATION_KEYS -> VERIFICATION_KEYS_SECRET;
            case STRIPE_KEYS -> STRIPE_KEYS_SECRET;
            case EMR_APPLICATION -> EMR_APPLICATION_ID;
            case EMR_JOB_ROLE -> EMR_JOB_ROLE_ARN;
            case SPARK_JOB_JAR -> SPARK_JOB_JAR;
        };
    }

    public static LecternConfig fromEnvironment() {
        return from(name -> setting(name).orElse(null));
    }

    /** One setting of this function's environment ({@link FunctionEnvironment#lookup}). */
    public static Optional<String> setting(String name) {
        return FunctionEnvironment.lookup(name);
    }

    /** Reads the configuration from a lookup; absent resources stay null (a function gets only its own). */
    public static LecternConfig from(UnaryOperator<String> lookup) {
        Optional<Endpoints> endpoints = Optional.ofNullable(lookup.apply(DYNAMODB_ENDPOINT))
                .map(dynamo -> new Endpoints(URI.create(dynamo),
                        URI.create(required(lookup, SQS_ENDPOINT)),
                        URI.create(required(lookup, S3_ENDPOINT))));
        return new LecternConfig(
                orDefault(lookup.apply(STAGE), "local"),
                orDefault(lookup.apply(REGION), "us-east-1"),
                lookup.apply(TABLE_NAME),
                lookup.apply(MEDIA_BUCKET),
                lookup.apply(ANALYTICS_BUCKET),
                lookup.apply(PAYMENTS_QUEUE_URL),
                lookup.apply(BEHAVIOUR_QUEUE_URL),
                lookup.apply(ACCOUNTS_QUEUE_URL),
                lookup.apply(SIGNING_KEYS_SECRET),
                lookup.apply(VERIFICATION_KEYS_SECRET),
                lookup.apply(STRIPE_KEYS_SECRET),
                lookup.apply(EMR_APPLICATION_ID),
                lookup.apply(EMR_JOB_ROLE_ARN),
                lookup.apply(SPARK_JOB_JAR),
                endpoints,
                Optional.ofNullable(lookup.apply(EMR_SERVERLESS_ENDPOINT)).map(URI::create),
                Optional.ofNullable(lookup.apply(FunctionEnvironment.FUNCTION_ID)),
                buildVersion());
    }

    /** The value for a resource this function was configured with; fails loudly at init if missing. */
    public String require(ResourceId resource) {
        String value = switch (resource) {
            case TABLE -> tableName;
            case MEDIA_BUCKET -> mediaBucket;
            case ANALYTICS_BUCKET -> analyticsBucket;
            case PAYMENTS_QUEUE -> paymentsQueueUrl;
            case BEHAVIOUR_QUEUE -> behaviourQueueUrl;
            case ACCOUNTS_QUEUE -> accountsQueueUrl;
            case SIGNING_KEYS -> signingKeysSecret;
            case VERIFICATION_KEYS -> verificationKeysSecret;
            case STRIPE_KEYS -> stripeKeysSecret;
            case EMR_APPLICATION -> emrApplicationId;
            case EMR_JOB_ROLE -> emrJobRoleArn;
            case SPARK_JOB_JAR -> sparkJobJar;
        };
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(envName(resource) + " is not set: this function is not configured for " + resource);
        }
        return value;
    }

    private static String required(UnaryOperator<String> lookup, String name) {
        String value = lookup.apply(name);
        if (value == null) {
            throw new IllegalStateException(name + " must be set when " + DYNAMODB_ENDPOINT + " is");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String buildVersion() {
        try (InputStream in = LecternConfig.class.getResourceAsStream("/lectern/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
