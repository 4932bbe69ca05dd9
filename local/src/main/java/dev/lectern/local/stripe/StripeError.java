package dev.lectern.local.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error the way Stripe answers it: {@code {"error":{"type","message","param","code"}}} with its HTTP status. */
final class StripeError extends RuntimeException {

    final int status;
    final String type;
    final String code;
    final String param;

    StripeError(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeError invalid(String param, String message) {
        return new StripeError(400, "invalid_request_error", null, param, message);
    }

    static StripeError invalid(String code, String param, String message) {
        return new StripeError(400, "invalid_request_error", code, param, message);
    }

    static StripeError missing(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_missing", param, "Missing required param: " + param + ".");
    }

    static StripeError noSuch(String objectName, String param, String id) {
        return new StripeError(404, "invalid_request_error", "resource_missing", param,
                "No such " + objectName + ": '" + id + "'");
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return Map.of("error", error);
    }
}
