package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.Json;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /courses/{courseId}}: a course with its syllabus, one Query; tagged with an ETag
 * ({@link ETags}) that {@code If-None-Match} (304) and a PATCH's {@code If-Match} use.
 */
public class GetCourseHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        var read = service.view(request.caller(), request.pathParameter("courseId"));
        String etag = ETags.ofRepresentation(read.version(), Json.write(read.view()));
        if (ETags.noneMatchHits(request.header("if-none-match"), etag)) {
            Map<String, String> headers = new HashMap<>(Map.of("ETag", etag, "Cache-Control", "no-store"));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        return ApiResponses.json(200, read.view(), Map.of("ETag", etag));
    }
}
