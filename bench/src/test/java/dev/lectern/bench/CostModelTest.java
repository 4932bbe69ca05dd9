package dev.lectern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.bench.CostModel.AccessLog;
import dev.lectern.bench.CostModel.Invocation;
import dev.lectern.bench.CostModel.Kind;
import dev.lectern.bench.CostModel.Options;
import dev.lectern.bench.CostModel.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost model's arithmetic against figures worked out by hand from AWS's list prices (the
 * expected values below are written out, not computed by the model's code).
 */
class CostModelTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Only what a test names: no Lambda lines, no access log, no tracing, no CloudFront, SnapStart on. */
    private static final Options BARE = new Options(true, false, AccessLog.OFF, false, false, 0, 10, true, 1.0, true);
    /** The same with every API request through the web distribution, its edge cache answering nothing. */
    private static final Options EDGE = new Options(true, false, AccessLog.OFF, false, true, 0, 10, true, 1.0, true);

    private static Invocation api(String name, double calls, int memoryMb, double ms, double reads, double writes, long logBytes) {
        return new Invocation(name, "test", calls, Kind.API, memoryMb, ms, reads, writes, logBytes, 1, 0, 0, 0, 0, 0, 0);
    }

    private static double total(List<Invocation> mix, double learners, Options options) {
        return CostModel.total(CostModel.variableCosts(CostModel.usage(mix, options, 0), learners, options));
    }

    @Test
    void oneCallOfOneLearnerCostsWhatTheListPricesSay() {
        // 1 GB for 100 ms, 1 read unit, 2 write units, one log line of 974 bytes (+26 billed per event)
        Invocation call = api("GET /x", 1, 1024, 100, 1, 2, 974);

        double expected = 1.00 / 1e6 // the HTTP API request
                + 0.1 * 0.0000133334 // 0.1 GB-s of arm64
                + 0.20 / 1e6 // the Lambda request
                + 1 * 0.125 / 1e6 // one read request unit
                + 2 * 0.625 / 1e6 // two write request units
                + 1000 / GIB * 0.50 // 1,000 bytes of log ingested
                + 1000 * 0.15 / GIB * 0.03; // stored compressed (0.15) for its one month of retention
        assertThat(total(List.of(call), 1, BARE)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(4.3782e-6, within(1e-9));
    }

    @Test
    void doublingEveryRequestDoublesTheVariableCostBelowTheFirstTier() {
        List<Invocation> mix = List.of(api("GET /a", 40, 512, 25, 0.5, 0, 600), api("PUT /b", 700, 512, 30, 1, 1, 650),
                new Invocation("consumer", "test", 3, Kind.CONSUMER, 1024, 80, 2, 8, 600, 1, 380, 1, 0, 1, 2, 0));
        List<Invocation> doubled = mix.stream().map(i -> i.withCalls(2 * i.perLearnerMonth())).toList();
        Options options = Options.baseline();

        assertThat(total(doubled, 1_000, options)).isCloseTo(2 * total(mix, 1_000, options), within(1e-9));
        // and twice the learners cost twice as much while no tier is crossed
        assertThat(total(mix, 2_000, options)).isCloseTo(2 * total(mix, 1_000, options), within(1e-9));
    }

    @Test
    void tiersApplyToTheMonthsTotal() {
        // 400 million HTTP API requests: 300 million at $1.00 a million, 100 million at $0.90
        assertThat(CostPrices.HTTP_API_PER_REQUEST.cost(400e6)).isCloseTo(390.0, within(1e-6));
        // 8 billion arm64 GB-s: 7.5 billion at the first price, half a billion at the second
        assertThat(CostPrices.LAMBDA_ARM_GB_SECOND.cost(8e9)).isCloseTo(7.5e9 * 0.0000133334 + 0.5e9 * 0.0000120001, within(1e-3));
        // 60 TB out: 10 TB at $0.09, 40 TB at $0.085, 10 TB at $0.07
        assertThat(CostPrices.TRANSFER_OUT_PER_GB.cost(60 * 1024)).isCloseTo(10_240 * 0.09 + 40_960 * 0.085 + 10_240 * 0.07, within(1e-6));
        assertThat(Tiered.flat(2.0).cost(3)).isEqualTo(6.0);
    }

    @Test
    void lambdaBillsWholeMillisecondsOfTheConfiguredMemory() {
        Invocation call = api("GET /x", 1, 512, 20.2, 0, 0, 0);
        assertThat(call.gbSeconds(1)).isCloseTo(0.5 * 0.021, within(1e-12));
        assertThat(call.gbSeconds(2)).isCloseTo(0.5 * 0.041, within(1e-12));
    }

    @Test
    void behaviourEventsAreSentOnceAndArchivedInBatches() {
        // 100 events in batches of 10: 100 sends, 10 receives, 10 deletes; 10 archiver runs, 10 PUTs, 10 GETs by the compaction
        Invocation progress = new Invocation("PUT /p", "test", 100, Kind.API, 512, 10, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0);
        Usage usage = CostModel.usage(List.of(progress), BARE, 0);

        assertThat(usage.sqsRequests()).isCloseTo(120, within(1e-9));
        assertThat(usage.lambdaRequests()).isCloseTo(100 + 10, within(1e-9));
        assertThat(usage.s3Puts()).isCloseTo(10, within(1e-9));
        assertThat(usage.s3Gets()).isCloseTo(10, within(1e-9));
        // batches of 1,000: 100 sends and 0.2 receive or delete, a tenth of a PUT
        Usage batched = CostModel.usage(List.of(progress), BARE.withArchiverBatch(1000), 0);
        assertThat(batched.sqsRequests()).isCloseTo(100.2, within(1e-9));
        assertThat(batched.s3Puts()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void cloudFrontAnswersItsHitsAndPassesItsMisses() {
        Invocation listing = new Invocation("GET /courses", "test", 100, Kind.PUBLIC_API, 1536, 20, 0.5, 0, 600, 1, 380, 1, 1000, 0, 0, 0);
        Invocation signedIn = new Invocation("GET /me", "test", 50, Kind.API, 512, 20, 0.5, 0, 600, 1, 380, 1, 400, 0, 0, 0);
        Usage usage = CostModel.usage(List.of(listing, signedIn), EDGE.withEdgeHitRatio(0.9), 0);

        assertThat(usage.cloudFrontRequests()).as("every request, hit or miss").isCloseTo(150, within(1e-9));
        assertThat(usage.cloudFrontBytes()).isCloseTo(100_000 + 20_000, within(1e-9));
        assertThat(usage.apiRequests()).as("the listing's 10 misses and every signed-in call").isCloseTo(10 + 50, within(1e-9));
        assertThat(usage.lambdaRequests()).isCloseTo(60, within(1e-9));
        assertThat(usage.readUnits()).isCloseTo(30, within(1e-9));
        assertThat(usage.apiTransferBytes()).as("the origin's answers to CloudFront are not billed as transfer out").isZero();
        // 150 CloudFront requests at $0.01 per 10,000 and 120,000 bytes at $0.085/GB, 60 requests through API Gateway
        Map<String, Double> costs = CostModel.variableCosts(usage, 1, EDGE.withEdgeHitRatio(0.9));
        assertThat(costs.get("CloudFront (API requests and responses)")).isCloseTo(150 * 0.01 / 10_000 + 120_000 / GIB * 0.085,
                within(1e-12));
        assertThat(costs.get("API Gateway HTTP API requests")).isCloseTo(60 / 1e6, within(1e-12));

        // straight to API Gateway: no CloudFront, the answers are transfer out
        Usage straight = CostModel.usage(List.of(listing, signedIn), BARE, 0);
        assertThat(straight.cloudFrontRequests()).isZero();
        assertThat(straight.apiRequests()).isCloseTo(150, within(1e-9));
        assertThat(straight.apiTransferBytes()).isCloseTo(120_000, within(1e-9));
    }

    @Test
    void theEdgeCacheSavesExactlyWhatItsHitsCostBehindTheDistribution() {
        // 1,000 public reads (512 MB × 20 ms, 2.5 read units) and 500 signed-in writes (512 MB × 30 ms, 1 write unit), no logs
        Invocation read = new Invocation("GET /courses", "test", 1000, Kind.PUBLIC_API, 512, 20, 2.5, 0, 0, 0, 0, 0, 1500, 0, 0, 0);
        Invocation write = new Invocation("PUT /x", "test", 500, Kind.API, 512, 30, 0, 1, 0, 0, 0, 0, 100, 0, 0, 0);
        List<Invocation> mix = List.of(read, write);
        double withoutEdgeCache = total(List.of(read.withKind(Kind.API), write), 1, EDGE);

        assertThat(total(mix, 1, EDGE)).as("a hit ratio of 0 changes nothing").isEqualTo(withoutEdgeCache);
        // 80% of the reads answered at the edge: 800 requests fewer reach API Gateway, Lambda and DynamoDB, none fewer CloudFront
        double perRead = 1.00 / 1e6 // the HTTP API request
                + 0.20 / 1e6 // the Lambda request
                + 0.5 * 0.020 * 0.0000133334 // 0.01 GB-s of arm64
                + 2.5 * 0.125 / 1e6; // 2.5 read request units
        double withEdgeCache = total(mix, 1, EDGE.withEdgeHitRatio(0.8));
        assertThat(withoutEdgeCache - withEdgeCache).isCloseTo(800 * perRead, within(1e-12));
        assertThat(perRead).isCloseTo(1.6458e-6, within(1e-9));
        assertThat(CostModel.usage(mix, EDGE.withEdgeHitRatio(0.8), 0).cloudFrontRequests()).isCloseTo(1500, within(1e-9));
    }

    @Test
    void fixedCostsCountTheCatalogsFunctions() {
        // 3 contexts, 4 routes + $default = 5 API functions, 1 consumer, 1 schedule, 7 functions, 2 queues, 1 business count
        RouteCosts.Catalog catalog = new RouteCosts.Catalog(3, 4, 5, 1, 1, 7, 2, 1);
        List<CostModel.FixedCost> fixed = CostModel.fixedCosts(catalog, 0, 0, Options.baseline());
        Map<String, Double> byName = fixed.stream().collect(java.util.stream.Collectors.toMap(CostModel.FixedCost::name,
                CostModel.FixedCost::monthly));

        // metrics: 5 × 2 + 1 (get-course's 3xx) + 2 × (1 + 1) + 1 business count = 16
        assertThat(byName.get("CloudWatch custom metrics (EMF)")).isCloseTo(16 * 0.30, within(1e-9));
        // alarms: 2 metrics for each of 7 functions, one per DLQ = 16
        assertThat(byName.get("CloudWatch alarms")).isCloseTo(16 * 0.10, within(1e-9));
        // X-Ray: one trace a second through a 730-hour month
        assertThat(byName.get("X-Ray reservoir (1 trace/s)")).isCloseTo(730 * 3600 * 5.0 / 1e6, within(1e-9));
        assertThat(byName.get("KMS")).as("no customer managed key").isZero();
        assertThat(CostModel.fixedCosts(catalog, 0, 0, Options.baseline().withXray(false)))
                .extracting(CostModel.FixedCost::name).doesNotContain("X-Ray reservoir (1 trace/s)");
    }

    @Test
    void aMissingUnitsFileNamesTheCommandThatWritesIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RouteCosts.load(dir.resolve("route-costs.json")))
                .hasMessageContaining("DynamoDbRequestsPerRouteEnd2EndTest").hasMessageContaining("./mvnw verify");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"routes\":{}}");
        assertThatThrownBy(() -> RouteCosts.load(empty)).hasMessageContaining("./mvnw verify");
    }
}
