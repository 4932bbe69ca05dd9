package dev.lectern.bench;

import java.util.List;

/**
 * The prices of the learner cost model (docs/cost.md), in one place: AWS list prices for
 * us-east-1, on demand, as the author knows them from AWS's pricing pages in 2025, assumed
 * unchanged on {@value #AS_OF} (there is no network where this was written to re-check them).
 * Free tiers are left out: they are per account, and small beside the scales modelled. Where AWS
 * prices by tier, the tiers are those of the month's total usage ({@link Tiered}).
 */
final class CostPrices {

    static final String AS_OF = "2026-11-29";
    static final String SOURCE = "AWS pricing pages, us-east-1 list prices as known in 2025, assumed unchanged on " + AS_OF;

    private CostPrices() {
    }

    // Lambda, arm64 (aws.amazon.com/lambda/pricing)
    /** Per GB-second of arm64 duration: first 7.5 billion GB-s a month, next 11.25 billion, beyond. */
    static final Tiered LAMBDA_ARM_GB_SECOND = Tiered.of(7.5e9, 0.0000133334, 11.25e9, 0.0000120001, 0.0000106667);
    /** Per GB-second on x86, for comparison only. */
    static final double LAMBDA_X86_GB_SECOND = 0.0000166667;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;

    // API Gateway HTTP API (aws.amazon.com/api-gateway/pricing)
    /** Per request: $1.00 a million for the first 300 million a month, $0.90 a million beyond. */
    static final Tiered HTTP_API_PER_REQUEST = Tiered.of(300e6, 1.00 / 1e6, 0.90 / 1e6);

    // DynamoDB on demand, Standard table class (aws.amazon.com/dynamodb/pricing/on-demand; the prices of 2024-11-01)
    static final double DYNAMODB_PER_WRITE_UNIT = 0.625 / 1e6;
    static final double DYNAMODB_PER_READ_UNIT = 0.125 / 1e6;
    static final double DYNAMODB_STORAGE_GB_MONTH = 0.25;
    /** Continuous backups (PITR), per GB-month of table size. */
    static final double DYNAMODB_PITR_GB_MONTH = 0.20;

    // SQS (aws.amazon.com/sqs/pricing): per request (a request carries up to 64 KB)
    static final double SQS_STANDARD_PER_REQUEST = 0.40 / 1e6;
    static final double SQS_FIFO_PER_REQUEST = 0.50 / 1e6;

    // S3 Standard (aws.amazon.com/s3/pricing)
    static final double S3_PER_GET = 0.0004 / 1000;
    static final double S3_PER_PUT = 0.005 / 1000;
    static final double S3_STORAGE_GB_MONTH = 0.023;

    /** Data transfer out to the internet (API responses, S3 media): first 10 TB a month, next 40 TB, next 100 TB, beyond. */
    static final Tiered TRANSFER_OUT_PER_GB = Tiered.of(10_240, 0.09, 40_960, 0.085, 102_400, 0.07, 0.05);

    // CloudFront, United States and Europe (aws.amazon.com/cloudfront/pricing; pay as you go, not the flat-rate plans)
    static final Tiered CLOUDFRONT_PER_GB = Tiered.of(10_240, 0.085, 40_960, 0.080, 102_400, 0.060, 358_400, 0.040,
            536_576, 0.030, 4_194_304, 0.025, 0.020);
    /** An HTTPS request; HTTP ones cost $0.0075 per 10,000, but the web distribution redirects HTTP to HTTPS. */
    static final double CLOUDFRONT_PER_HTTPS_REQUEST = 0.0100 / 10_000;

    // CloudWatch (aws.amazon.com/cloudwatch/pricing)
    /**
     * Ingestion of Lambda's logs, which AWS prices as vended logs since 2025-05-01: $0.50 a GB for
     * the first 10 TB a month, $0.25 the next 20, $0.10 the next 20, $0.05 beyond.
     */
    static final Tiered LAMBDA_LOGS_PER_GB = Tiered.of(10_240, 0.50, 20_480, 0.25, 20_480, 0.10, 0.05);
    /** Ingestion of other logs (API Gateway's access log), Standard log class. */
    static final double LOGS_STANDARD_PER_GB = 0.50;
    /** Ingestion in the Infrequent Access log class (no metric filters, no EMF, no live tail). */
    static final double LOGS_INFREQUENT_PER_GB = 0.25;
    static final double LOGS_STORAGE_GB_MONTH = 0.03;
    /** CloudWatch Logs bills each log event as its UTF-8 bytes plus 26 bytes. */
    static final int LOG_EVENT_OVERHEAD_BYTES = 26;
    /** A custom metric (each EMF name and dimension values), per month, first 10,000 metrics. */
    static final double CUSTOM_METRIC_MONTH = 0.30;
    /** A standard-resolution alarm, per metric it evaluates (a metric-math alarm pays for each metric), per month. */
    static final double ALARM_METRIC_MONTH = 0.10;
    static final double DASHBOARD_MONTH = 3.00;

    // X-Ray (aws.amazon.com/xray/pricing)
    static final double XRAY_PER_TRACE = 5.00 / 1e6;
    /** Lambda's active tracing samples the first request each second and 5% of the others. */
    static final double XRAY_SAMPLED_SHARE = 0.05;
    static final double XRAY_RESERVOIR_PER_SECOND = 1;

    // Secrets Manager and KMS
    static final double SECRET_MONTH = 0.40;
    /** A customer managed KMS key, per month; AWS managed keys (aws/dynamodb, aws/sns...) cost nothing a month. */
    static final double KMS_KEY_MONTH = 1.00;

    /** The price list as docs/cost.md shows it. */
    static List<String[]> table() {
        return List.of(
                row("Lambda (arm64) duration", "$0.0000133334 per GB-s (first 7.5 bn GB-s/month), $0.0000120001 (next 11.25 bn), "
                        + "$0.0000106667 (beyond); x86 would be $0.0000166667"),
                row("Lambda requests", "$0.20 per million"),
                row("API Gateway HTTP API", "$1.00 per million requests (first 300 million/month), $0.90 per million beyond"),
                row("DynamoDB on demand", "$0.625 per million write request units, $0.125 per million read request units"),
                row("DynamoDB storage, PITR", "$0.25 per GB-month, continuous backups $0.20 per GB-month"),
                row("SQS", "$0.40 per million requests (standard), $0.50 (FIFO); 64 KB per request"),
                row("S3 Standard", "GET $0.0004 per 1,000, PUT $0.005 per 1,000, storage $0.023 per GB-month"),
                row("Data transfer out (internet)", "$0.09/GB first 10 TB/month, $0.085 next 40 TB, $0.07 next 100 TB, $0.05 beyond"),
                row("CloudFront (US, Europe)", "$0.085/GB first 10 TB, $0.080 next 40 TB, $0.060 next 100 TB, $0.040 next 350 TB, "
                        + "$0.030 next 524 TB, $0.025 next 4 PB, $0.020 beyond; $0.0100 per 10,000 HTTPS requests "
                        + "($0.0075 for HTTP, which the distribution redirects to HTTPS); origin fetches from AWS free"),
                row("CloudWatch Logs ingestion", "Lambda logs (vended): $0.50/GB first 10 TB/month, $0.25 next 20 TB, $0.10 next 20 TB, "
                        + "$0.05 beyond; other logs $0.50/GB (Standard), $0.25/GB (Infrequent Access); each event + 26 bytes"),
                row("CloudWatch Logs storage", "$0.03 per GB-month (compressed)"),
                row("CloudWatch metrics, alarms, dashboards", "$0.30 per custom metric-month; $0.10 per alarm metric-month "
                        + "(standard resolution); $3.00 per dashboard-month"),
                row("X-Ray", "$5.00 per million traces recorded; Lambda samples 1 request/s + 5% of the rest"),
                row("Secrets Manager", "$0.40 per secret-month"),
                row("KMS", "$1.00 per customer managed key-month; AWS managed keys free (request charges negligible here)"));
    }

    private static String[] row(String what, String price) {
        return new String[] {what, price};
    }
}
