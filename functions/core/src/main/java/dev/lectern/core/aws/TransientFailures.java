package dev.lectern.core.aws;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Failures that say "not now" rather than "not this": throttling, a transaction that lost to a
 * concurrent one, a dependency's timeout or internal error. The API answers them with 503 and
 * {@code Retry-After} in one place ({@code ApiHandler}); a store only turns the failures that are
 * about the request itself (a condition that did not hold) into its own outcomes.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable e) {
        return switch (e) {
            case TransactionCanceledException t -> t.hasCancellationReasons() && t.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .noneMatch(code -> "ConditionalCheckFailed".equals(code) || "ValidationError".equals(code));
            case ProvisionedThroughputExceededException t -> true;
            case RequestLimitExceededException t -> true;
            case TransactionConflictException t -> true;
            case InternalServerErrorException t -> true;
            case ApiCallTimeoutException t -> true;
            case ApiCallAttemptTimeoutException t -> true;
            case SdkException t -> t.retryable() || (t.getCause() != null && isTransient(t.getCause()));
            default -> false;
        };
    }
}
