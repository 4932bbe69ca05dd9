package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import dev.lectern.core.sqs.BehaviourSender;
import dev.lectern.events.Behaviour;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code GET /courses/search?q=}: published courses ranked by relevance, English, Chinese, Japanese,
 * Korean alike. Each search sends {@code search_performed} (the query and how many results it
 * had), best effort ({@link BehaviourSender}), for the signed-in learner or the anonymous device
 * named by {@code Lectern-Device-Id}; without either, none. Only a search that is not recorded
 * may be answered from a cache: a recorded one must reach this function every time.
 */
public class SearchCoursesHandler extends ApiHandler {

    /** A course published or changed is found within about a minute (the index adds up to 10 s). */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    SearchService search;

    @Inject
    BehaviourSender behaviour;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        CatalogModel.SearchResults results = search.search(request.queryParameters());
        String userId = request.caller().map(Caller::userId).orElse(null);
        String deviceId = BehaviourSender.deviceId(request.header(BehaviourSender.DEVICE_ID_HEADER)).orElse(null);
        boolean recorded = userId != null || deviceId != null;
        if (recorded) {
            behaviour.send(new Behaviour.SearchPerformed(userId, deviceId, request.queryParameters().get("q"), results.items().size()));
        }
        return ApiResponses.json(200, results, Map.of("Cache-Control",
                recorded ? CacheControl.PRIVATE : CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
