package dev.lectern.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.auth.Caller;
import dev.lectern.core.http.ApiHandler;
import dev.lectern.core.http.ApiRequest;
import dev.lectern.core.http.ApiResponses;
import dev.lectern.core.http.CacheControl;
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
 * none. Only a view that is not recorded may be answered from a cache, and only to a caller without
 * a token: a signed-in caller may be shown a draft.
 */
public class GetCourseHandler extends ApiHandler {

    /** A creator's change to a published course reaches visitors within a minute. */
    static final int MAX_AGE_SECONDS = 60;

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
        boolean recorded = userId != null || deviceId != null;
        if (recorded) {
            behaviour.send(new Behaviour.CourseViewed(userId, deviceId, courseId, null));
        }
        String etag = ETags.ofRepresentation(read.version(), Json.write(read.view()));
        // a 304 says what the 200 would: a cache that revalidates its copy keeps it that much longer
        Map<String, String> headers = new HashMap<>(Map.of("ETag", etag, "Cache-Control",
                recorded ? CacheControl.PRIVATE : CacheControl.publicRead(request, MAX_AGE_SECONDS)));
        if (ETags.noneMatchHits(request.header("if-none-match"), etag)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(CacheControl.withVary(headers)).build();
        }
        return ApiResponses.json(200, read.view(), headers);
    }
}
