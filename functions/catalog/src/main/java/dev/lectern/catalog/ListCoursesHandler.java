package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /courses}: published courses (newest, popular or best rated first), filtered and paginated. */
public class ListCoursesHandler extends ApiHandler {

    /** A course published, changed or unpublished is listed as such within about a minute (the search index adds up to 10 s). */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    CatalogService service;

    @Inject
    SearchService search;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        // newest comes straight from GSI1; popular and rating from the in-memory catalog that search keeps
        CourseQuery query = CourseQuery.parse(request.queryParameters());
        return ApiResponses.json(200, query.newest() ? service.newest(query) : search.browse(query),
                Map.of("Cache-Control", CacheControl.publicRead(request, MAX_AGE_SECONDS)));
    }
}
