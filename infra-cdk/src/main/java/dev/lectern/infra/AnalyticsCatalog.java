package dev.lectern.infra;

import dev.lectern.analytics.EventParquet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The event log's Parquet files as an Athena table: a Glue database, a table over the
 * {@code events-parquet/} prefix of the analytics bucket whose {@code date} partitions are
 * projected (no crawler, no partition to add: a new day's file is queryable as soon as it is
 * written), and a workgroup that keeps results encrypted under the bucket's own prefix and enforces
 * its settings on every query. The analytics SQL files run here as they do in DuckDB, with the
 * table's name in their {@code {{events}}} placeholder (docs/operations.md).
 */
final class AnalyticsCatalog extends Construct {

    static final String TABLE = "events";
    static final String RESULTS_PREFIX = "athena-results/";
    /** Scanning more than this in one query is refused: a guard against a query without a date filter on a grown log. */
    static final long BYTES_SCANNED_CUTOFF = 100L * 1024 * 1024 * 1024;
    /** The first day the projection offers; older dates simply have no files. */
    static final String FIRST_DAY = "2026-01-01";

    private static final Map<String, String> GLUE_TYPES = Map.of(
            "VARCHAR", "string", "TIMESTAMP", "timestamp", "BIGINT", "bigint", "INTEGER", "int");

    AnalyticsCatalog(Construct scope, String id, String stage, Bucket bucket) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        String database = databaseName(stage);
        CfnDatabase db = CfnDatabase.Builder.create(this, "Database")
                .catalogId(account)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(database)
                        .description("Lectern " + stage + " behaviour analytics: the event log's daily Parquet files")
                        .build())
                .build();
        String location = "s3://" + bucket.getBucketName() + "/" + EventParquet.ROOT;
        CfnTable table = CfnTable.Builder.create(this, "EventsTable")
                .catalogId(account)
                .databaseName(database)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(TABLE)
                        .description("One row per behaviour event, de-duplicated by id; written by the daily compaction")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of(
                                "classification", "parquet",
                                "projection.enabled", "true",
                                "projection.date.type", "date",
                                "projection.date.format", "yyyy-MM-dd",
                                "projection.date.range", FIRST_DAY + ",NOW",
                                "projection.date.interval", "1",
                                "projection.date.interval.unit", "DAYS",
                                "storage.location.template", location + "date=${date}/"))
                        .partitionKeys(List.of(CfnTable.ColumnProperty.builder().name("date").type("string").build()))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .location(location)
                                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe").build())
                                .columns(EventParquet.COLUMNS.stream().map(c -> CfnTable.ColumnProperty.builder()
                                        .name(c.name()).type(GLUE_TYPES.get(c.sqlType())).build()).toList())
                                .build())
                        .build())
                .build();
        table.addDependency(db);
        CfnWorkGroup workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name("lectern-" + stage + "-analytics")
                .description("Lectern " + stage + " analytics queries over the event log")
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(BYTES_SCANNED_CUTOFF)
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder().selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + bucket.getBucketName() + "/" + RESULTS_PREFIX)
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3").build())
                                .build())
                        .build())
                .build();
        CfnOutput.Builder.create(scope, "AnalyticsDatabase").value(database).build();
        CfnOutput.Builder.create(scope, "AnalyticsWorkGroup").value(workGroup.getName()).build();
    }

    /** Glue names are lower case, letters, digits and underscores. */
    static String databaseName(String stage) {
        return ("lectern_" + stage + "_analytics").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
