package dev.lectern.analytics;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lectern.core.config.LecternConfig;
import dev.lectern.events.EventEnvelope;
import dev.lectern.events.SampleEvents;
import dev.lectern.local.emulators.SharedEmulators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

/** A fresh analytics bucket per test, so tests that share the emulators never see each other's log. */
final class AnalyticsTestSupport {

    private AnalyticsTestSupport() {
    }

    static String freshBucket() {
        String bucket = "analytics-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        SharedEmulators.get().s3().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    static void withBucket(String bucket, Runnable work) {
        SharedEmulators.withEnvironment(Map.of(LecternConfig.ANALYTICS_BUCKET, bucket), work);
    }

    static SQSEvent sampleBatch() {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, AnalyticsTestSupport.class.getClassLoader())
                .fromJson(SampleEvents.text("behaviour-batch.sqs.json"));
    }

    static List<EventEnvelope> readAll(String bucket, String prefix) {
        Map<String, String> env = SharedEmulators.get().resources().sharedEnvironment(SharedEmulators.STAGE);
        LecternConfig config = LecternConfig.from(name -> LecternConfig.ANALYTICS_BUCKET.equals(name) ? bucket : env.get(name));
        EventLogStore store = new EventLogStore(SharedEmulators.get().s3(), config);
        List<EventEnvelope> events = new ArrayList<>();
        store.list(prefix).forEach(key -> store.read(key, events::add));
        return events;
    }

    static List<String> keys(String bucket, String prefix) {
        return SharedEmulators.get().s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                .stream().map(o -> o.key()).toList();
    }
}
