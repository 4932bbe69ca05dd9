package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import jakarta.inject.Inject;

/** {@code GET /courses/search?q=}: published courses ranked by relevance, English, Chinese, Japanese, Korean alike. */
public class SearchCoursesHandler extends ApiHandler {

    @Inject
    SearchService search;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return ApiResponses.json(200, search.search(request.queryParameters()));
    }
}
