package dev.lectern.commerce;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code POST /webhooks/stripe}: verify, enqueue, 200 ({@link StripeWebhook}). */
public class StripeWebhookHandler extends ApiHandler {

    @Inject
    StripeWebhook webhook;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String id = webhook.receive(new String(request.body(), StandardCharsets.UTF_8), request.header("stripe-signature").orElse(null),
                request.correlationId());
        return ApiResponses.json(200, Map.of("received", true, "id", id));
    }
}
