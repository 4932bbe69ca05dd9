package dev.lectern.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class TransientFailuresTest {

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("cancelled").cancellationReasons(
                java.util.Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList()).build();
    }

    @Test
    void aLostRaceOrAThrottleIsWorthARetry() {
        assertThat(TransientFailures.isTransient(cancelled("None", "TransactionConflict"))).isTrue();
        assertThat(TransientFailures.isTransient(cancelled("ThrottlingError", "None"))).isTrue();
        assertThat(TransientFailures.isTransient(ProvisionedThroughputExceededException.builder().message("slow down").build())).isTrue();
        assertThat(TransientFailures.isTransient(ApiCallTimeoutException.create(8000))).isTrue();
    }

    @Test
    void aConditionThatDidNotHoldOrOurOwnBugIsNot() {
        assertThat(TransientFailures.isTransient(cancelled("ConditionalCheckFailed", "None"))).isFalse();
        assertThat(TransientFailures.isTransient(cancelled("None", "ConditionalCheckFailed", "TransactionConflict"))).isFalse();
        assertThat(TransientFailures.isTransient(ConditionalCheckFailedException.builder().message("no").build())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
