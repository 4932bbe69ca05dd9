package dev.lectern.analytics;

import static dev.lectern.core.resources.ResourceId.ANALYTICS_BUCKET;
import static dev.lectern.core.resources.ResourceId.BEHAVIOUR_QUEUE;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;
import static dev.lectern.core.routes.Access.write;

import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Outbox;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.ids.Ids;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.QueryParameter;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.StreamConsumer;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The analytics context's functions: the behaviour event log's archiver (which also keeps the
 * trending counters), the outbox relay, the daily compaction, the daily SQL aggregates and the
 * routes that read them.
 */
public final class AnalyticsFunctions implements ContextFunctions {

    static final String MODULE = "analytics";

    /** The aggregates' own items; the catalog's course items are read for their creator. */
    private static final TableKeys OWN_KEYS = TableKeys.of(AnalyticsStore.PREFIX);

    /** The days of a report, both included, UTC (DateRange). */
    private static final QueryParameter FROM_DAY = QueryParameter.date("from", "The first day; by default the report spans "
            + DateRange.DEFAULT_DAYS + " days ending at to. It spans at most " + DateRange.MAX_DAYS + " days");
    private static final QueryParameter TO_DAY = QueryParameter.date("to", "The last day; default yesterday (UTC), or the "
            + DateRange.DEFAULT_DAYS + "th day counted from from when that is sooner");

    private static final List<Route> ROUTES = List.of(
            Route.get("/creators/me/analytics").id("creator-analytics")
                    .handler(MODULE, CreatorAnalyticsHandler.class)
                    .audience(Audience.CREATOR).problems(ProblemType.VALIDATION, ProblemType.NOT_FOUND)
                    .auth(Auth.CREATOR).memory(512)
                    .access(read(OWN_KEYS.and(Courses.KEYS)))
                    .summary("The caller's courses (?courseId= one of them) per day from ?from= to ?to= (YYYY-MM-DD, default the "
                            + "30 days to yesterday, at most 366), with totals and the 7-day funnel")
                    .query(FROM_DAY, TO_DAY, QueryParameter.matching("courseId", Ids.PATTERN,
                            "Only this course, which must be the caller's (admins: any course); without it, all the caller's courses"))
                    .responds(200, "CreatorAnalytics")
                    .build(),
            Route.get("/admin/analytics").id("platform-analytics")
                    .handler(MODULE, PlatformAnalyticsHandler.class)
                    .audience(Audience.ADMIN).problems(ProblemType.VALIDATION)
                    .auth(Auth.ADMIN).memory(512)
                    .access(read(OWN_KEYS))
                    .summary("Daily, weekly and monthly active learners from ?from= to ?to= (YYYY-MM-DD, default the 30 days to "
                            + "yesterday, at most 366) and the weekly retention cohorts starting in that range")
                    .query(FROM_DAY, TO_DAY)
                    .responds(200, "PlatformAnalytics")
                    .build());

    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer("behaviour-archiver", BEHAVIOUR_QUEUE, MODULE, BehaviourArchiveHandler.class,
                    10, 5, 1024, 30, List.of(write(ANALYTICS_BUCKET), readWrite(Trending.KEYS))));

    /** The events of committed writes, from the table's stream to the behaviour queue. */
    private static final List<StreamConsumer> STREAM_CONSUMERS = List.of(
            new StreamConsumer("outbox-relay", MODULE, OutboxRelayHandler.class, Outbox.ATTRIBUTE, 100, 10,
                    512, 30, List.of(send(BEHAVIOUR_QUEUE))));

    private static final List<Scheduled> SCHEDULES = List.of(
            new Scheduled("event-log-compaction", "cron(15 0 * * ? *)", MODULE, EventLogCompactionHandler.class,
                    2048, 600, List.of(readWrite(ANALYTICS_BUCKET)),
                    "Merges yesterday's behaviour event log objects into one, without duplicates, and writes its Parquet file"),
            new Scheduled("analytics-daily", "cron(0 1 * * ? *)", MODULE, AnalyticsDailyHandler.class,
                    3008, 900, List.of(readWrite(ANALYTICS_BUCKET), readWrite(OWN_KEYS), read(Courses.KEYS)),
                    "Recomputes the analytics aggregates of the last 8 days with SQL over the event log's Parquet files"));

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public List<Consumer> consumers() {
        return CONSUMERS;
    }

    @Override
    public List<StreamConsumer> streamConsumers() {
        return STREAM_CONSUMERS;
    }

    @Override
    public List<Scheduled> schedules() {
        return SCHEDULES;
    }
}
