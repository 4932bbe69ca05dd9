package dev.lectern.recommend;

import static dev.lectern.recommend.RecommendTestSupport.Event.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.local.emulators.SharedEmulators;
import dev.lectern.recommend.RecommendTestSupport.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interactions query over Parquet files in S3: weights, decay, refunds, reviews, anonymous devices, the window. */
class InteractionSourceIntegrationTest {

    private static final Instant UNTIL = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void strengthsAreTheDecayedWeightsOfEachPairCompressedAndARefundAfterTheLastPaymentRemovesThePair() {
        String bucket = RecommendTestSupport.freshBucket();
        Instant sixtyDaysAgo = UNTIL.minus(Duration.ofDays(60));
        Instant yesterday = UNTIL.minus(Duration.ofHours(12));
        RecommendTestSupport.writeDay(bucket, List.of(
                // an enrolment one half-life ago: 5 × 0.5
                of("enrolled", sixtyDaysAgo, "U1", "A")));
        RecommendTestSupport.writeDay(bucket, List.of(
                // two views, twelve hours ago: 2 × 0.5^(0.5/60)
                of("course_viewed", yesterday, "U2", "A"), of("course_viewed", yesterday, "U2", "A"),
                // paid then refunded: gone, however strong
                of("order_paid", yesterday.minusSeconds(60), "U3", "A"), of("enrolled", yesterday.minusSeconds(60), "U3", "A"),
                of("order_refunded", yesterday, "U3", "A"),
                // refunded, then paid again: the pair stands
                of("order_refunded", yesterday.minusSeconds(120), "U3", "B"), of("order_paid", yesterday, "U3", "B"),
                // a one-star review outweighs a view: 1 − 4 < 0, left out
                of("course_viewed", yesterday, "U4", "A"), new Event("review_posted", yesterday, "U4", null, "A", 1),
                // an anonymous device is a learner of its own
                new Event("course_viewed", yesterday, null, "device-1234", "B", null),
                // no course: not an interaction
                new Event("search_performed", yesterday, "U1", null, null, null)));
        // outside the window (240 days): not read
        RecommendTestSupport.writeDay(bucket, List.of(of("enrolled", UNTIL.minus(Duration.ofDays(300)), "U5", "A")));

        Map<String, Float> strengths = new HashMap<>();
        InteractionSource.Read read = new InteractionSource(SharedEmulators.get().s3(), RecommendTestSupport.config(bucket))
                .read(UNTIL, (learner, course, strength) -> strengths.put(learner + "|" + course, strength));

        assertThat(read.files()).isEqualTo(2);
        assertThat(strengths).containsOnlyKeys("U1|A", "U2|A", "U3|B", "device:device-1234|B");
        assertThat(strengths.get("U1|A")).isCloseTo((float) Math.log(1 + 2.5), within(1e-5f));
        assertThat(strengths.get("U2|A")).isCloseTo((float) Math.log(1 + 2 * Math.pow(0.5, 0.5 / 60)), within(1e-5f));
        assertThat(strengths.get("U3|B")).isCloseTo((float) Math.log(1 + 5 * Math.pow(0.5, 0.5 / 60)), within(1e-5f));
        assertThat(strengths.get("device:device-1234|B")).isCloseTo((float) Math.log(1 + Math.pow(0.5, 0.5 / 60)), within(1e-5f));
    }

    @Test
    void anEmptyLogReadsNothing() {
        String bucket = RecommendTestSupport.freshBucket();

        InteractionSource.Read read = new InteractionSource(SharedEmulators.get().s3(), RecommendTestSupport.config(bucket))
                .read(UNTIL, (learner, course, strength) -> {
                    throw new AssertionError("no pair expected");
                });

        assertThat(read).isEqualTo(new InteractionSource.Read(0, 0));
    }
}
