package dev.lectern.analytics;

import static dev.lectern.core.resources.ResourceId.ANALYTICS_BUCKET;
import static dev.lectern.core.resources.ResourceId.BEHAVIOUR_QUEUE;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.send;
import static dev.lectern.core.routes.Access.write;

import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.StreamConsumer;
import dev.lectern.core.dynamo.Outbox;
import java.util.List;

/** The analytics context's functions: the behaviour event log's archiver (which also keeps the trending counters) and its daily compaction. */
public final class AnalyticsFunctions implements ContextFunctions {

    static final String MODULE = "analytics";

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
                    "Merges yesterday's behaviour event log objects into one, without duplicates"));

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return List.of();
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
