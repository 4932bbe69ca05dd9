package dev.lectern.local.stripe;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stripe's idempotent requests: the first successful answer to a key is kept and given again to
 * the same request; the same key with other parameters is an {@code idempotency_error}. Errors
 * are not kept (Stripe keeps no result for requests that fail validation), so a retry after one
 * runs again.
 */
final class Idempotency {

    record Result(int status, byte[] body, boolean replayed) {
    }

    private record Saved(String fingerprint, byte[] body) {
    }

    private final Map<String, Saved> saved = new HashMap<>();

    /** Runs {@code request} once per key; one at a time, which also settles concurrent retries. */
    synchronized Result run(String key, String fingerprint, Supplier<Map<String, Object>> request, java.util.function.Function<Object, byte[]> json) {
        Saved previous = saved.get(key);
        if (previous != null) {
            if (!previous.fingerprint().equals(fingerprint)) {
                throw new StripeError(400, "idempotency_error", null, null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '"
                                + key + "' if you meant to execute a different request.");
            }
            return new Result(200, previous.body(), true);
        }
        byte[] body = json.apply(request.get());
        saved.put(key, new Saved(fingerprint, body));
        return new Result(200, body, false);
    }
}
