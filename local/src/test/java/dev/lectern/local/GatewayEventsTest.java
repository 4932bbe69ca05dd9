package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayEventsTest {

    private static final Route ROUTE = Route.post("/courses/{courseId}/upload").id("upload")
            .handler("catalog", Object.class).auth(Auth.PUBLIC).build();

    private static APIGatewayV2HTTPEvent event(Map<String, List<String>> headers, String query, byte[] body) {
        var request = new GatewayEvents.HttpRequest("POST", "/courses/c%201/upload", query, headers, body, "127.0.0.1", "localhost:8080");
        return GatewayEvents.toEvent(request, ROUTE, Map.of("courseId", "c 1"), "req-1", Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void carriesTheRequestContextLikeApiGateway() {
        APIGatewayV2HTTPEvent event = event(Map.of("User-Agent", List.of("t")), null, new byte[0]);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /courses/{courseId}/upload");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-1");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getTime()).isEqualTo("25/Nov/2026:12:00:00 +0000");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli());
        assertThat(event.getPathParameters()).containsEntry("courseId", "c 1");
        assertThat(event.getHeaders()).containsEntry("user-agent", "t");
        assertThat(event.getBody()).isNull();
    }

    @Test
    void movesCookiesOutOfTheHeadersAndJoinsRepeatedValues() {
        APIGatewayV2HTTPEvent event = event(Map.of("Cookie", List.of("a=1; b=2"), "X-Multi", List.of("x", "y")),
                "tag=java&tag=aws&q=caf%C3%A9", new byte[0]);

        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders()).doesNotContainKey("cookie").containsEntry("x-multi", "x,y");
        assertThat(event.getQueryStringParameters()).containsEntry("tag", "java,aws").containsEntry("q", "café");
        assertThat(event.getRawQueryString()).isEqualTo("tag=java&tag=aws&q=caf%C3%A9");
    }

    @Test
    void base64EncodesBinaryBodiesAndPassesTextAsIs() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1};
        APIGatewayV2HTTPEvent binary = event(Map.of("Content-Type", List.of("image/png")), null, png);
        APIGatewayV2HTTPEvent json = event(Map.of("Content-Type", List.of("application/json")), null,
                "{\"title\":\"课程\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getBody())).isEqualTo(png);
        assertThat(json.getIsBase64Encoded()).isFalse();
        assertThat(json.getBody()).isEqualTo("{\"title\":\"课程\"}");
    }

    @Test
    void decodesBase64ResponsesAndTurnsCookiesIntoSetCookieHeaders() {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                .withCookies(List.of("s=1; HttpOnly", "t=2"))
                .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})).withIsBase64Encoded(true).build();

        GatewayEvents.HttpResponse http = GatewayEvents.toHttp(response);

        assertThat(http.status()).isEqualTo(201);
        assertThat(http.body()).containsExactly(1, 2, 3);
        assertThat(http.headers().get("Set-Cookie")).containsExactly("s=1; HttpOnly", "t=2");
    }
}
