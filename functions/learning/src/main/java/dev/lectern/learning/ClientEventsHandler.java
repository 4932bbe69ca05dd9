package dev.lectern.learning;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code POST /events}: behaviour a client saw, onto the behaviour queue. */
public class ClientEventsHandler extends ApiHandler {

    @Inject
    ClientEventService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        LearningRequests.EventBatch batch = request.bodyAs(LearningRequests.EventBatch.class);
        return ApiResponses.json(202, service.accept(request.caller(), request.header(ClientEventService.DEVICE_HEADER),
                request.sourceIp(), batch, request.correlationId()));
    }
}
