package dev.lectern.core.resources;

/** The AWS resources Lectern owns. Catalog entries name these to declare what a function may touch. */
public enum ResourceId {
    TABLE,
    MEDIA_BUCKET,
    ANALYTICS_BUCKET,
    PAYMENTS_QUEUE,
    BEHAVIOUR_QUEUE,
    /** Account lifecycle events (an erasure) that other contexts act on for the data they hold. */
    ACCOUNTS_QUEUE,
    /** The JWT key set with private keys: only functions that sign tokens read it. */
    SIGNING_KEYS,
    /** The same key set without private keys: every function with a protected route reads it. */
    VERIFICATION_KEYS,
    /** Stripe's secret API key and the webhook signing secret: only the functions that call Stripe or verify its webhooks read it. */
    STRIPE_KEYS,
    /** The EMR Serverless application that runs the similarity job on Spark (its id). */
    EMR_APPLICATION,
    /** The role the Spark job's runs assume (its ARN): what the job may read and write. */
    EMR_JOB_ROLE,
    /** The Spark job's jar in S3 (its {@code s3://} URI). */
    SPARK_JOB_JAR;

    public boolean isBucket() {
        return this == MEDIA_BUCKET || this == ANALYTICS_BUCKET;
    }

    /**
     * Exists only in stages that run the similarity job on Spark (infra-cdk's {@code recommendEngine=emr}), never
     * locally: a function granted one is deployed only where it exists, and nothing else refers to it.
     */
    public boolean sparkEngine() {
        return this == EMR_APPLICATION || this == EMR_JOB_ROLE || this == SPARK_JOB_JAR;
    }
}
