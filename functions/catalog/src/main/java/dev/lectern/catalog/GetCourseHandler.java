package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.Json;
import dev.lectern.core.sqs.BehaviourSender;
import dev.lectern.events.Behaviour;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /courses/{courseId}}: a course with its syllabus, one Query; tagged with an ETag
 * ({@link ETags}) that {@code If-None-Match} (304) and a PATCH's {@code If-Match} use. Each view
 * (a 304 is one too) sends {@code course_viewed}, best effort ({@link BehaviourSender}), for the
 * signed-in learner or the anonymous device named by {@code Lectern-Device-Id}; without either,
 * none.
 */
public class GetCourseHandler extends ApiHandler {

    @Inject
    CatalogService service;

    @Inject
    BehaviourSender behaviour;

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String courseId = request.pathParameter("courseId");
        var read = service.view(request.caller(), courseId);
        String userId = request.caller().map(Caller::userId).orElse(null);
        String deviceId = BehaviourSender.deviceId(request.header(BehaviourSender.DEVICE_ID_HEADER)).orElse(null);
        if (userId != null || deviceId != null) {
            behaviour.send(new Behaviour.CourseViewed(userId, deviceId, courseId, null));
        }
        String etag = ETags.ofRepresentation(read.version(), Json.write(read.view()));
        if (ETags.noneMatchHits(request.header("if-none-match"), etag)) {
            Map<String, String> headers = new HashMap<>(Map.of("ETag", etag, "Cache-Control", "no-store"));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
        }
        return ApiResponses.json(200, read.view(), Map.of("ETag", etag));
    }
}
