package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.sqs.BehaviourSender;
import dev.lectern.events.Behaviour;
import jakarta.inject.Inject;

/**
 * {@code GET /courses/search?q=}: published courses ranked by relevance, English, Chinese, Japanese,
 * Korean alike. Each search sends {@code search_performed} (the query and how many results it
 * had), best effort ({@link BehaviourSender}), for the signed-in learner or the anonymous device
 * named by {@code Lectern-Device-Id}; without either, none.
 */
public class SearchCoursesHandler extends ApiHandler {

    @Inject
    SearchService search;

    @Inject
    BehaviourSender behaviour;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        CatalogModel.SearchResults results = search.search(request.queryParameters());
        String userId = request.caller().map(Caller::userId).orElse(null);
        String deviceId = BehaviourSender.deviceId(request.header(BehaviourSender.DEVICE_ID_HEADER)).orElse(null);
        if (userId != null || deviceId != null) {
            behaviour.send(new Behaviour.SearchPerformed(userId, deviceId, request.queryParameters().get("q"), results.items().size()));
        }
        return ApiResponses.json(200, results);
    }
}
