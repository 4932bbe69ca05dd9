package dev.lectern.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lectern.core.routes.StreamConsumer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB stream event-source mapping for one stream consumer: a thread per shard reads
 * the table's stream in order, keeps the records whose new image has the consumer's attribute (the
 * mapping's filter), invokes the function with them as a {@code DynamodbEvent} and retries from the
 * first record it reports failed (ReportBatchItemFailures), or the whole batch when it throws. A
 * record still failing after the consumer's retry attempts is logged and counted, and the shard
 * moves on: Lambda's on-failure destination, where an operator looks. A closed shard's children
 * start once it is read to its end, so records keep their order per item across shard splits.
 *
 * <p>Shards are read from their oldest record: on a persisted data directory a restart relays
 * the last day's outbox events again, with their ids, which the event log's compaction drops.
 */
final class StreamEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEventSource.class);
    /** How long a reader waits after an empty read; DynamoDB Local answers at once. */
    private static final long IDLE_MILLIS = 50;

    private final StreamConsumer consumer;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final FunctionPool functions;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Records given up on after their retries: what the on-failure queue would hold in AWS. */
    private final AtomicInteger discarded = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private Thread coordinator;

    StreamEventSource(StreamConsumer consumer, DynamoDbStreamsClient streams, String streamArn, FunctionPool functions) {
        this.consumer = consumer;
        this.streams = streams;
        this.streamArn = streamArn;
        this.functions = functions;
    }

    void start() {
        coordinator = Thread.ofPlatform().daemon().name("stream-" + consumer.id()).start(this::followShards);
    }

    /** Starts a reader for every shard whose parent has been read to its end (or is gone). */
    private void followShards() {
        while (running.get()) {
            try {
                List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
                Set<String> known = new HashSet<>();
                shards.forEach(s -> known.add(s.shardId()));
                for (Shard shard : shards) {
                    String parent = shard.parentShardId();
                    boolean parentDone = parent == null || !known.contains(parent) || finished.contains(parent);
                    if (parentDone && started.add(shard.shardId())) {
                        synchronized (threads) {
                            threads.add(Thread.ofPlatform().daemon().name("stream-" + consumer.id() + "-" + shard.shardId())
                                    .start(() -> readShard(shard.shardId())));
                        }
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("describing the stream for {} failed: {}", consumer.id(), e.getMessage());
                    pause(1000);
                }
            }
        }
    }

    private void readShard(String shardId) {
        String iterator = null;
        boolean opened = false;
        while (running.get() && !opened) {
            try {
                iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                opened = true;
            } catch (RuntimeException e) {
                LOG.warn("opening shard {} for {} failed: {}", shardId, consumer.id(), e.getMessage());
                pause(1000);
            }
        }
        while (running.get() && iterator != null) {
            try {
                String current = iterator;
                var response = streams.getRecords(b -> b.shardIterator(current).limit(consumer.batchSize()));
                List<Record> records = response.records().stream()
                        .filter(r -> StreamRecords.newImageHas(r, consumer.newImageAttribute())).toList();
                if (!records.isEmpty()) {
                    deliver(records);
                }
                iterator = response.nextShardIterator();
                if (response.records().isEmpty()) {
                    pause(IDLE_MILLIS);
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("reading shard {} for {} failed: {}", shardId, consumer.id(), e.getMessage());
                    pause(1000);
                }
            }
        }
        if (running.get()) {
            finished.add(shardId);
        }
    }

    /** Invokes until every record succeeded or ran out of retries; records before a reported failure stay done. */
    private void deliver(List<Record> records) {
        List<Record> remaining = records;
        int attempts = 0;
        while (!remaining.isEmpty() && running.get()) {
            String failedFrom;
            try {
                var response = (StreamsEventResponse) functions.invoke(consumer, StreamRecords.toEvent(remaining, streamArn));
                failedFrom = response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()
                        ? null : response.getBatchItemFailures().getFirst().getItemIdentifier();
            } catch (RuntimeException e) {
                LOG.error("{} threw; the batch of {} will be retried", consumer.id(), remaining.size(), e);
                failedFrom = remaining.getFirst().dynamodb().sequenceNumber();
            }
            if (failedFrom == null) {
                return;
            }
            remaining = from(remaining, failedFrom);
            if (++attempts > consumer.maxRetryAttempts()) {
                Record lost = remaining.getFirst();
                LOG.error("{} gave up on stream record {} after {} retries (AWS: its on-failure queue)", consumer.id(),
                        lost.dynamodb().sequenceNumber(), consumer.maxRetryAttempts());
                discarded.incrementAndGet();
                remaining = remaining.subList(1, remaining.size());
                attempts = 0;
            } else {
                pause(100L * attempts);
            }
        }
    }

    private static List<Record> from(List<Record> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return records.subList(i, records.size());
            }
        }
        // an identifier that names no record of the batch: Lambda retries the whole batch
        return records;
    }

    Map<String, Object> info() {
        return Map.of("name", consumer.id(), "stream", streamArn, "filter", "NewImage has " + consumer.newImageAttribute(),
                "batchSize", consumer.batchSize(), "maxRetryAttempts", consumer.maxRetryAttempts(),
                "shardsRead", started.size(), "recordsGivenUp", discarded.get());
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (coordinator != null) {
            coordinator.interrupt();
        }
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }
}
