package dev.lectern.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of the learner cost model (docs/cost.md), free of I/O: what a learner's month of
 * invocations uses of each priced meter ({@link #usage}), what that costs at a number of learners
 * ({@link #variableCosts}, with AWS's tiers applied to the month's totals), and what the stage
 * costs whoever uses it ({@link #fixedCosts}). What it knows beyond the measured figures is below,
 * each an estimate with its reason.
 */
final class CostModel {

    static final double GB = 1024.0 * 1024 * 1024;
    /** AWS's month: 730 hours. */
    static final double SECONDS_PER_MONTH = 730 * 3600.0;

    // --- estimates of what AWS adds per invocation (not produced by the local platform) ---
    /**
     * Lambda's own lines in JSON log format: {@code platform.start} (≈ 200 bytes) and
     * {@code platform.report} with durations, memory and the X-Ray trace id (≈ 450 bytes).
     */
    static final int PLATFORM_LOG_BYTES = 650;
    static final int PLATFORM_LOG_EVENTS = 2;
    /** One API Gateway access log line in the stage's format (StageStack.ACCESS_LOG_FORMAT), with typical values. */
    static final String ACCESS_LOG_SAMPLE = "{\"requestId\":\"Kx1abcdEFGhIJKL=\",\"ip\":\"203.0.113.42\",\"time\":\"28/Nov/2026:12:00:00 +0000\","
            + "\"method\":\"PUT\",\"routeKey\":\"PUT /courses/{courseId}/lessons/{lessonId}/progress\",\"path\":"
            + "\"/courses/01KB3Z6Q8M5X2W9R7T4V0N1P3C/lessons/01KB3Z6QAB7C2D4E6F8G0H1J3K/progress\",\"status\":\"204\","
            + "\"latencyMs\":\"23\",\"integrationLatencyMs\":\"21\",\"responseLength\":\"0\",\"error\":\"-\"}";
    /** CloudWatch Logs stores compressed data; JSON lines compress about 6 to 1. */
    static final double LOG_COMPRESSION = 0.15;
    /** Retention (ContextStack: one month for functions; StageStack: three months for the access log). */
    static final double FUNCTION_LOG_MONTHS = 1;
    static final double ACCESS_LOG_MONTHS = 3;
    /** Without SnapStart, Lambda bills the INIT phase (since 2025-08-01): our handler's init (docs/performance.md, ≈ 1.5 s). */
    static final double INIT_SECONDS = 1.5;
    /** Share of invocations that meet a new instance (an estimate for steady traffic). */
    static final double COLD_START_SHARE = 0.01;
    /**
     * Share of the edge-cacheable reads ({@link Kind#PUBLIC_API}) the web distribution answers from its cache. Their
     * answers live 60 s (similar courses 300 s) and are keyed by path and query string: the home page's lists and
     * trending are a handful of keys that every session asks for (near 100 % hits as soon as an edge sees more than one
     * request a minute for them); reviews, creator pages and similar courses are one key per course, of which the
     * popular few take most requests. 80 % is assumed for a stage of a million learners; a small stage hits less
     * (docs/cost.md, "The web distribution: what the edge cache saves", shows the totals from 0 to 95 %).
     */
    static final double EDGE_HIT_RATIO = 0.8;

    // --- the behaviour event path (SQS behaviour queue → behaviour-archiver → S3 → daily compaction) ---
    static final int ARCHIVER_MEMORY_MB = 1024;
    /** A batch: parse, gzip and one S3 PUT (≈ 100 ms), plus ≈ 0.05 ms an event. */
    static final double ARCHIVER_BASE_MS = 100;
    static final double ARCHIVER_MS_PER_EVENT = 0.05;
    /**
     * Its log per batch: one INFO line ("archived n of m") and one EMF line, sized as the measured
     * ones: the INFO line is 360 bytes locally, plus the X-Ray trace id and a stage's longer function
     * name and ARN on AWS.
     */
    static final int ARCHIVER_INFO_LOG_BYTES = 430;
    static final int ARCHIVER_EMF_BYTES = 380;
    /** An event in the gzip'd JSON Lines log, kept a year. */
    static final double EVENT_STORED_BYTES = 80;
    static final double EVENT_LOG_MONTHS = 12;
    /**
     * The same event in the day's Parquet file (ZSTD): 13 bytes measured on the benchmark's synthetic
     * ids (AnalyticsDailyBenchmark); real ids are random ULIDs (id, correlation id, order id), which
     * compress little, so ≈ 40 bytes is assumed.
     */
    static final double EVENT_PARQUET_BYTES = 40;
    /** Compaction (2048 MB): ≈ 45–110 µs an event measured (read the batch objects, de-duplicate, write JSON Lines and Parquet). */
    static final int COMPACTION_MEMORY_MB = 2048;
    static final double COMPACTION_MS_PER_EVENT = 0.1;
    /**
     * analytics-daily (3008 MB) reads the Parquet files of its window every day: each event is read by
     * the ≈ 84 runs whose window holds its day; fetch + SQL measured at ≈ 2.5–8 µs an event read.
     */
    static final int ANALYTICS_MEMORY_MB = 3008;
    static final double ANALYTICS_MS_PER_EVENT_READ = 0.008;
    static final int ANALYTICS_READS_PER_EVENT = 84;
    static final int ANALYTICS_RECOMPUTED_DAYS = 8;
    static final int ANALYTICS_ACTIVE_COURSES = 10_000;

    // --- fixed work of the stage ---
    /** Lambda's SQS pollers for an event-source mapping: about 5, each long-polling 20 s when idle. */
    static final double POLLS_PER_MAPPING = 5 * 3 * 60 * 730;
    /** account-events-relay: every 5 minutes, one GSI1 Query (0.5 unit), ≈ 50 ms at 512 MB, one log line and one EMF line. */
    static final double RELAY_RUNS = 12 * 730;
    static final double RELAY_MS = 50;
    /** Search and listing build their index on each new instance: ≈ 19,000 read units at 100,000 courses (docs/performance.md). */
    static final double INDEX_BUILD_READ_UNITS = 19_000;
    static final double INDEX_BUILD_SECONDS = 3.3;
    static final int INDEX_MEMORY_MB = 1536;
    /** New search or listing instances a month: about 100 a day (recycling and scaling of two functions). */
    static final double INDEX_BUILDS = 3_000;
    /** The catalog's items (100,000 courses with their syllabus and index copies, ≈ 10 KB each). */
    static final double CATALOG_GB = 1.0;
    /** The daily similarity job, sized at its 50 M-interaction budget (docs/performance.md, "The similarity job"). */
    static final int SIMILARITY_MEMORY_MB = 6144;
    static final double SIMILARITY_SECONDS = 60;
    /** Its read of the published listing: 100,000 projected course items of ≈ 300 bytes, eventually consistent. */
    static final double SIMILARITY_READ_UNITS = 100_000 * 300 / 4096.0 / 2;
    static final int SIMILARITY_PARQUET_GETS = 240;
    /** EMF metrics of the contexts to come: learning's are not named yet (commerce's are counted from the catalog). */
    static final int FUTURE_BUSINESS_METRICS = 0;
    /** JWT signing and verification key sets and the Stripe keys (DataStack); a fourth for what learning may need. */
    static final int SECRETS = 3 + 1;
    static final int CUSTOMER_MANAGED_KEYS = 0;

    private CostModel() {
    }

    enum Kind {
        /** Behind the HTTP API. */
        API,
        /** Behind the HTTP API, sent without a token or device id and the same for everyone: what the edge may keep. */
        PUBLIC_API,
        /** An SQS consumer: no API request, no access log line. */
        CONSUMER
    }

    enum AccessLog { STANDARD, INFREQUENT_ACCESS, OFF }

    /**
     * One kind of invocation and how many an active learner causes in a month, with what one
     * costs: memory and duration, DynamoDB units, log and metric bytes, response bytes, and what it
     * sends on (behaviour events, FIFO requests, S3 GETs of the media it links to).
     */
    record Invocation(String name, String origin, double perLearnerMonth, Kind kind, int memoryMb, double durationMs,
                      double readUnits, double writeUnits, long appLogBytes, int appLogLines, long emfBytes, int emfLines,
                      long responseBytes, double behaviourEvents, double fifoRequests, double s3Gets) {

        Invocation withCalls(double calls) {
            return new Invocation(name, origin, calls, kind, memoryMb, durationMs, readUnits, writeUnits, appLogBytes,
                    appLogLines, emfBytes, emfLines, responseBytes, behaviourEvents, fifoRequests, s3Gets);
        }

        Invocation withMemory(int mb) {
            return new Invocation(name, origin, perLearnerMonth, kind, mb, durationMs, readUnits, writeUnits, appLogBytes,
                    appLogLines, emfBytes, emfLines, responseBytes, behaviourEvents, fifoRequests, s3Gets);
        }

        Invocation withS3Gets(double gets) {
            return new Invocation(name, origin, perLearnerMonth, kind, memoryMb, durationMs, readUnits, writeUnits, appLogBytes,
                    appLogLines, emfBytes, emfLines, responseBytes, behaviourEvents, fifoRequests, gets);
        }

        Invocation withKind(Kind changed) {
            return new Invocation(name, origin, perLearnerMonth, changed, memoryMb, durationMs, readUnits, writeUnits, appLogBytes,
                    appLogLines, emfBytes, emfLines, responseBytes, behaviourEvents, fifoRequests, s3Gets);
        }

        Invocation withUnits(double reads, double writes) {
            return new Invocation(name, origin, perLearnerMonth, kind, memoryMb, durationMs, reads, writes, appLogBytes,
                    appLogLines, emfBytes, emfLines, responseBytes, behaviourEvents, fifoRequests, s3Gets);
        }

        /** Lambda bills duration by the millisecond, rounded up. */
        double gbSeconds(double durationFactor) {
            return memoryMb / 1024.0 * Math.ceil(durationMs * durationFactor) / 1000.0;
        }
    }

    /**
     * How the stage runs: which log lines exist and where the access log goes, tracing, whether API
     * requests pass the web distribution (as deployed: the site and the API share its origin) and
     * the share of the edge-cacheable reads its cache answers, the archiver's batch, SnapStart, a
     * factor on every measured duration (1: as measured), and whether {@code Requests} is a metric
     * per route (as now) or per context.
     */
    record Options(boolean requestLogLine, boolean platformLogLines, AccessLog accessLog, boolean xray,
                   boolean viaCloudFront, double edgeHitRatio, int archiverBatch, boolean snapStart, double durationFactor,
                   boolean metricsByRoute) {

        static Options baseline() {
            return new Options(true, true, AccessLog.STANDARD, true, true, EDGE_HIT_RATIO, 10, true, 1.0, true);
        }

        Options withRequestLogLine(boolean on) {
            return new Options(on, platformLogLines, accessLog, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, durationFactor, metricsByRoute);
        }

        Options withPlatformLogLines(boolean on) {
            return new Options(requestLogLine, on, accessLog, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, durationFactor, metricsByRoute);
        }

        Options withAccessLog(AccessLog log) {
            return new Options(requestLogLine, platformLogLines, log, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, durationFactor, metricsByRoute);
        }

        Options withXray(boolean on) {
            return new Options(requestLogLine, platformLogLines, accessLog, on, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, durationFactor, metricsByRoute);
        }

        /** API requests straight to API Gateway, as before the web distribution: a comparison (the web app needs the distribution). */
        Options withoutCloudFront() {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, false, 0, archiverBatch, snapStart, durationFactor,
                    metricsByRoute);
        }

        Options withEdgeHitRatio(double hitRatio) {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, viaCloudFront, hitRatio,
                    archiverBatch, snapStart, durationFactor, metricsByRoute);
        }

        Options withArchiverBatch(int batch) {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, viaCloudFront, edgeHitRatio,
                    batch, snapStart, durationFactor, metricsByRoute);
        }

        Options withSnapStart(boolean on) {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, on, durationFactor, metricsByRoute);
        }

        Options withDurationFactor(double factor) {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, factor, metricsByRoute);
        }

        Options withMetricsByRoute(boolean on) {
            return new Options(requestLogLine, platformLogLines, accessLog, xray, viaCloudFront, edgeHitRatio,
                    archiverBatch, snapStart, durationFactor, on);
        }
    }

    /** What a learner's month uses of each priced meter. */
    record Usage(double apiRequests, double lambdaRequests, double gbSeconds, double readUnits, double writeUnits,
                 double lambdaLogBytes, double accessLogBytes, double logStoredByteMonths, double traces, double sqsRequests,
                 double fifoRequests, double s3Gets, double s3Puts, double s3StoredByteMonths, double apiTransferBytes,
                 double cloudFrontRequests, double cloudFrontBytes, double tableStoredByteMonths) {
    }

    /** The meters a learner's month of {@code invocations} uses, plus {@code tableBytesPerLearner} of stored items. */
    static Usage usage(List<Invocation> invocations, Options options, double tableBytesPerLearner) {
        double api = 0, lambda = 0, gbs = 0, reads = 0, writes = 0, lambdaLogs = 0, accessLogs = 0, traces = 0;
        double sqs = 0, fifo = 0, gets = 0, puts = 0, s3Stored = 0, transfer = 0, cfRequests = 0, cfBytes = 0;
        int platform = options.platformLogLines() ? PLATFORM_LOG_BYTES + PLATFORM_LOG_EVENTS * CostPrices.LOG_EVENT_OVERHEAD_BYTES : 0;
        int accessLine = ACCESS_LOG_SAMPLE.length() + CostPrices.LOG_EVENT_OVERHEAD_BYTES;
        double traced = options.xray() ? CostPrices.XRAY_SAMPLED_SHARE : 0;
        for (Invocation inv : invocations) {
            double calls = inv.perLearnerMonth();
            boolean viaEdge = options.viaCloudFront() && inv.kind() != Kind.CONSUMER;
            // what reaches API Gateway and the function: everything but the edge cache's hits
            double hits = viaEdge && inv.kind() == Kind.PUBLIC_API ? calls * options.edgeHitRatio() : 0;
            double origin = calls - hits;
            // CloudFront bills every request and every byte it delivers, hit or miss; what the API sends it is free
            if (viaEdge) {
                cfRequests += calls;
                cfBytes += calls * inv.responseBytes();
            } else if (inv.kind() != Kind.CONSUMER) {
                transfer += calls * inv.responseBytes();
            }
            if (inv.kind() != Kind.CONSUMER) {
                api += origin;
                if (options.accessLog() != AccessLog.OFF) {
                    accessLogs += origin * accessLine;
                }
            }
            lambda += origin;
            gbs += origin * inv.gbSeconds(options.durationFactor());
            if (!options.snapStart()) {
                gbs += origin * COLD_START_SHARE * inv.memoryMb() / 1024.0 * INIT_SECONDS;
            }
            reads += origin * inv.readUnits();
            writes += origin * inv.writeUnits();
            long appLog = options.requestLogLine() ? inv.appLogBytes() + (long) inv.appLogLines() * CostPrices.LOG_EVENT_OVERHEAD_BYTES : 0;
            long emf = inv.emfBytes() + (long) inv.emfLines() * CostPrices.LOG_EVENT_OVERHEAD_BYTES;
            lambdaLogs += origin * (appLog + emf + platform);
            traces += origin * traced;
            fifo += calls * inv.fifoRequests();
            gets += calls * inv.s3Gets();

            double events = calls * inv.behaviourEvents();
            if (events > 0) {
                int batch = options.archiverBatch();
                double batches = events / batch;
                // each event sent once; each batch received and deleted once
                sqs += events + 2 * batches;
                lambda += batches;
                gbs += batches * ARCHIVER_MEMORY_MB / 1024.0 * Math.ceil((ARCHIVER_BASE_MS + ARCHIVER_MS_PER_EVENT * batch)
                        * options.durationFactor()) / 1000.0;
                int overhead = CostPrices.LOG_EVENT_OVERHEAD_BYTES;
                lambdaLogs += batches * ((options.requestLogLine() ? ARCHIVER_INFO_LOG_BYTES + overhead : 0)
                        + ARCHIVER_EMF_BYTES + overhead + platform);
                traces += batches * traced;
                // one object per batch, read again by the next day's compaction
                puts += batches;
                gets += batches;
                s3Stored += events * (EVENT_STORED_BYTES + EVENT_PARQUET_BYTES) * EVENT_LOG_MONTHS;
                // compaction once per event, and analytics-daily's fetch and SQL once per run whose window holds it
                gbs += events * (COMPACTION_MEMORY_MB / 1024.0 * COMPACTION_MS_PER_EVENT
                        + ANALYTICS_MEMORY_MB / 1024.0 * ANALYTICS_MS_PER_EVENT_READ * ANALYTICS_READS_PER_EVENT) / 1000.0;
            }
        }
        double logStored = (lambdaLogs * FUNCTION_LOG_MONTHS + accessLogs * ACCESS_LOG_MONTHS) * LOG_COMPRESSION;
        return new Usage(api, lambda, gbs, reads, writes, lambdaLogs, accessLogs, logStored, traces, sqs, fifo, gets, puts,
                s3Stored, transfer, cfRequests, cfBytes, tableBytesPerLearner);
    }

    /** The month's variable costs of {@code learners} learners, by service, in dollars. */
    static Map<String, Double> variableCosts(Usage u, double learners, Options options) {
        double n = learners;
        Map<String, Double> costs = new LinkedHashMap<>();
        costs.put("API Gateway HTTP API requests", CostPrices.HTTP_API_PER_REQUEST.cost(u.apiRequests() * n));
        costs.put("Lambda duration (arm64)", CostPrices.LAMBDA_ARM_GB_SECOND.cost(u.gbSeconds() * n));
        costs.put("Lambda requests", u.lambdaRequests() * n * CostPrices.LAMBDA_PER_REQUEST);
        costs.put("DynamoDB reads", u.readUnits() * n * CostPrices.DYNAMODB_PER_READ_UNIT);
        costs.put("DynamoDB writes", u.writeUnits() * n * CostPrices.DYNAMODB_PER_WRITE_UNIT);
        costs.put("DynamoDB storage and PITR (learners' items)",
                u.tableStoredByteMonths() * n / GB * (CostPrices.DYNAMODB_STORAGE_GB_MONTH + CostPrices.DYNAMODB_PITR_GB_MONTH));
        double accessPrice = switch (options.accessLog()) {
            case STANDARD -> CostPrices.LOGS_STANDARD_PER_GB;
            case INFREQUENT_ACCESS -> CostPrices.LOGS_INFREQUENT_PER_GB;
            case OFF -> 0;
        };
        costs.put("CloudWatch Logs ingestion (functions: log, EMF, Lambda lines)",
                CostPrices.LAMBDA_LOGS_PER_GB.cost(u.lambdaLogBytes() * n / GB));
        costs.put("CloudWatch Logs ingestion (API access log)", u.accessLogBytes() * n / GB * accessPrice);
        costs.put("CloudWatch Logs storage", u.logStoredByteMonths() * n / GB * CostPrices.LOGS_STORAGE_GB_MONTH);
        costs.put("X-Ray traces (5% sampled)", u.traces() * n * CostPrices.XRAY_PER_TRACE);
        costs.put("SQS", u.sqsRequests() * n * CostPrices.SQS_STANDARD_PER_REQUEST + u.fifoRequests() * n * CostPrices.SQS_FIFO_PER_REQUEST);
        costs.put("S3 requests and event log storage", u.s3Gets() * n * CostPrices.S3_PER_GET + u.s3Puts() * n * CostPrices.S3_PER_PUT
                + u.s3StoredByteMonths() * n / GB * CostPrices.S3_STORAGE_GB_MONTH);
        costs.put("Data transfer out (API responses)", CostPrices.TRANSFER_OUT_PER_GB.cost(u.apiTransferBytes() * n / GB));
        costs.put("CloudFront (API requests and responses)", u.cloudFrontRequests() * n * CostPrices.CLOUDFRONT_PER_HTTPS_REQUEST
                + CostPrices.CLOUDFRONT_PER_GB.cost(u.cloudFrontBytes() * n / GB));
        return costs;
    }

    /** A cost of the stage that does not grow with learners, per month. */
    record FixedCost(String name, double monthly, String basis) {
    }

    /**
     * The stage's monthly costs whoever uses it, from the catalog's counts plus the functions the
     * mix models but the catalog does not have yet.
     */
    static List<FixedCost> fixedCosts(RouteCosts.Catalog catalog, int futureApiRoutes, int futureConsumers, Options options) {
        List<FixedCost> fixed = new ArrayList<>();
        int apiFunctions = catalog.apiFunctions() + futureApiRoutes;
        int consumers = catalog.consumers() + futureConsumers;
        int functions = catalog.functions() + futureApiRoutes + futureConsumers;
        int contexts = catalog.contexts();
        int requestMetrics = options.metricsByRoute() ? 2 * apiFunctions + 1 : 2 * contexts;
        int metrics = requestMetrics + 2 * (consumers + catalog.schedules()) + catalog.businessMetrics() + FUTURE_BUSINESS_METRICS;
        String requests = options.metricsByRoute()
                ? "Requests of " + apiFunctions + " API functions × 2xx and 4xx, 3xx of get-course"
                : "Requests of " + contexts + " contexts × 2xx and 4xx";
        fixed.add(new FixedCost("CloudWatch custom metrics (EMF)", metrics * CostPrices.CUSTOM_METRIC_MONTH,
                metrics + " metrics: " + requests + " (5xx, prorated to the hours it occurs, left out), 2 per consumer and "
                        + "schedule, " + (catalog.businessMetrics() + FUTURE_BUSINESS_METRICS) + " business counts"));
        int alarmMetrics = 2 * functions + catalog.queues();
        fixed.add(new FixedCost("CloudWatch alarms", alarmMetrics * CostPrices.ALARM_METRIC_MONTH,
                alarmMetrics + " alarm metrics: errors and throttles of " + functions + " functions (metric math, 5 functions an "
                        + "alarm), " + catalog.queues() + " DLQ depths"));
        fixed.add(new FixedCost("CloudWatch dashboard", CostPrices.DASHBOARD_MONTH, "one per stage (OperationsDashboard)"));
        fixed.add(new FixedCost("Secrets Manager", SECRETS * CostPrices.SECRET_MONTH,
                SECRETS + " secrets: the JWT signing and verification key sets, Stripe's keys, one for the learning context"));
        fixed.add(new FixedCost("KMS", CUSTOMER_MANAGED_KEYS * CostPrices.KMS_KEY_MONTH,
                "no customer managed key: the table, SNS and secrets use AWS managed keys, S3 and SQS their own (SSE-S3, SSE-SQS)"));
        // one mapping (the payments consumer's) polls a FIFO queue; the future ones are counted as standard
        int fifo = Math.min(1, catalog.consumers());
        double polls = POLLS_PER_MAPPING * ((catalog.consumers() - fifo + futureConsumers) * CostPrices.SQS_STANDARD_PER_REQUEST
                + fifo * CostPrices.SQS_FIFO_PER_REQUEST);
        fixed.add(new FixedCost("SQS polling by event-source mappings", polls,
                String.format("%d mappings (%d standard, %d FIFO) × ≈ %,.0f empty long polls", consumers, consumers - fifo, fifo,
                        POLLS_PER_MAPPING)));
        if (options.xray()) {
            fixed.add(new FixedCost("X-Ray reservoir (1 trace/s)", CostPrices.XRAY_RESERVOIR_PER_SECOND * SECONDS_PER_MONTH
                    * CostPrices.XRAY_PER_TRACE, "the first request each second is traced whatever the volume"));
        }
        double relay = RELAY_RUNS * (512 / 1024.0 * RELAY_MS / 1000 * CostPrices.LAMBDA_ARM_GB_SECOND.firstPrice()
                + CostPrices.LAMBDA_PER_REQUEST + 0.5 * CostPrices.DYNAMODB_PER_READ_UNIT
                + 1000.0 / GB * CostPrices.LAMBDA_LOGS_PER_GB.firstPrice());
        fixed.add(new FixedCost("account-events-relay schedule", relay,
                String.format("%,.0f runs (every 5 minutes): 512 MB × %.0f ms, one Query, ≈ 1 KB of log", RELAY_RUNS, RELAY_MS)));
        // analytics-daily rewrites 8 days of aggregates every day: course-days of the courses with events, ≈ 1 write unit each
        double aggregates = 30 * ANALYTICS_RECOMPUTED_DAYS * (ANALYTICS_ACTIVE_COURSES + 1) * CostPrices.DYNAMODB_PER_WRITE_UNIT
                + 30 * ANALYTICS_READS_PER_EVENT * CostPrices.S3_PER_GET;
        fixed.add(new FixedCost("analytics-daily aggregates", aggregates, String.format(
                "30 runs × %d days × ≈ %,d course-days with events (10%% of 100,000 courses) as BatchWriteItem, and %d Parquet GETs a run; "
                        + "its compute is per event (variable)", ANALYTICS_RECOMPUTED_DAYS, ANALYTICS_ACTIVE_COURSES,
                ANALYTICS_READS_PER_EVENT)));
        double similarity = 30 * (SIMILARITY_MEMORY_MB / 1024.0 * SIMILARITY_SECONDS * CostPrices.LAMBDA_ARM_GB_SECOND.firstPrice()
                + SIMILARITY_READ_UNITS * CostPrices.DYNAMODB_PER_READ_UNIT + SIMILARITY_PARQUET_GETS * CostPrices.S3_PER_GET);
        fixed.add(new FixedCost("similarity job", similarity, String.format(
                "30 runs × (%d MB × %.0f s, %,.0f read units of the course listing, %d Parquet GETs); serving's pointer checks "
                        + "(one GET per instance every 5 minutes) are below a cent", SIMILARITY_MEMORY_MB, SIMILARITY_SECONDS,
                SIMILARITY_READ_UNITS, SIMILARITY_PARQUET_GETS)));
        double builds = INDEX_BUILDS * (INDEX_BUILD_READ_UNITS * CostPrices.DYNAMODB_PER_READ_UNIT
                + INDEX_MEMORY_MB / 1024.0 * INDEX_BUILD_SECONDS * CostPrices.LAMBDA_ARM_GB_SECOND.firstPrice());
        fixed.add(new FixedCost("Search and listing index builds", builds,
                String.format("%,.0f new instances × (%,.0f read units + %.1f s at %d MB), at 100,000 courses", INDEX_BUILDS,
                        INDEX_BUILD_READ_UNITS, INDEX_BUILD_SECONDS, INDEX_MEMORY_MB)));
        fixed.add(new FixedCost("DynamoDB storage and PITR (catalog)",
                CATALOG_GB * (CostPrices.DYNAMODB_STORAGE_GB_MONTH + CostPrices.DYNAMODB_PITR_GB_MONTH),
                String.format("%.0f GB: 100,000 courses with their syllabus and index copies", CATALOG_GB)));
        return fixed;
    }

    static double total(Map<String, Double> costs) {
        return costs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static double totalFixed(List<FixedCost> fixed) {
        return fixed.stream().mapToDouble(FixedCost::monthly).sum();
    }

    /** Everything, per learner-month, at {@code learners}. */
    static double perLearnerMonth(Usage usage, List<FixedCost> fixed, double learners, Options options) {
        return (total(variableCosts(usage, learners, options)) + totalFixed(fixed)) / learners;
    }
}
