package dev.lectern.analytics;

import dev.lectern.core.sql.DuckDb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.events.BehaviourType;
import dev.lectern.events.EventEnvelope;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The event log's columnar form: one Parquet file (ZSTD) per UTC day, one flat typed row per
 * event, under a prefix of its own ({@code events-parquet/date=2026-11-24/events.parquet}) so that
 * an Athena table owns it alone and {@code date} is its partition column. A payload field a type
 * lacks is null, as in the JSON payloads (docs/architecture.md, "Analytics").
 */
public final class EventParquet {

    public static final String ROOT = "events-parquet/";
    static final String FILE_NAME = "events.parquet";

    /** The columns, in file order; the Glue table in the CDK app declares the same. */
    public static final List<Column> COLUMNS = List.of(
            new Column("id", "VARCHAR", null),
            new Column("type", "VARCHAR", null),
            new Column("occurred_at", "TIMESTAMP", null),
            new Column("user_id", "VARCHAR", "userId"),
            new Column("device_id", "VARCHAR", "deviceId"),
            new Column("course_id", "VARCHAR", "courseId"),
            new Column("lesson_id", "VARCHAR", "lessonId"),
            new Column("order_id", "VARCHAR", "orderId"),
            new Column("seconds", "BIGINT", "seconds"),
            new Column("position_seconds", "BIGINT", "positionSeconds"),
            new Column("amount", "BIGINT", "amount"),
            new Column("currency", "VARCHAR", "currency"),
            new Column("query", "VARCHAR", "query"),
            new Column("result_count", "INTEGER", "resultCount"),
            new Column("rating", "INTEGER", "rating"),
            new Column("source", "VARCHAR", "source"),
            new Column("model_version", "VARCHAR", "modelVersion"),
            new Column("reason", "VARCHAR", "reason"),
            new Column("position", "INTEGER", "position"),
            new Column("correlation_id", "VARCHAR", null));

    /** A column and the payload field it comes from (null for the envelope's own fields). */
    public record Column(String name, String sqlType, String payloadField) {
    }

    private EventParquet() {
    }

    static String key(LocalDate day) {
        return ROOT + "date=" + day + "/" + FILE_NAME;
    }

    static String partition(LocalDate day) {
        return ROOT + "date=" + day + "/";
    }

    /** Writes the events (already de-duplicated) to a local Parquet file. */
    static void write(DuckDb db, Collection<EventEnvelope> events, Path file) {
        db.execute("CREATE OR REPLACE TABLE day_events (" + String.join(", ",
                COLUMNS.stream().map(c -> quoted(c.name()) + " " + c.sqlType()).toList()) + ")");
        try (DuckDBAppender appender = ((DuckDBConnection) db.connection()).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "day_events")) {
            for (EventEnvelope event : events) {
                appendRow(appender, event);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("appending events: " + e.getMessage(), e);
        }
        db.execute("COPY day_events TO '" + file + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
        db.execute("DROP TABLE day_events");
    }

    private static void appendRow(DuckDBAppender appender, EventEnvelope event) throws SQLException {
        JsonNode payload = event.payload();
        appender.beginRow();
        appender.append(event.id());
        appender.append(BehaviourType.ofEnvelope(event).map(BehaviourType::typeName).orElse(event.type()));
        appender.appendEpochMicros(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, event.occurredAt()));
        for (Column column : COLUMNS.subList(3, COLUMNS.size() - 1)) {
            JsonNode value = payload.get(column.payloadField());
            if (value == null || value.isNull()) {
                appender.appendNull();
            } else if (column.sqlType().equals("BIGINT")) {
                appender.append(value.asLong());
            } else if (column.sqlType().equals("INTEGER")) {
                appender.append(value.asInt());
            } else {
                appender.append(value.asText());
            }
        }
        if (event.correlationId() == null) {
            appender.appendNull();
        } else {
            appender.append(event.correlationId());
        }
        appender.endRow();
    }

    /** Double quotes: some column names ({@code position}, {@code type}) are keywords in one engine or the other. */
    static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
