package dev.lectern.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    record Registration(String email, int age) {
        Registration {
            if (email != null && !email.contains("@")) {
                throw new IllegalArgumentException("must be an email address");
            }
        }
    }

    private static ApiRequest request(String contentType, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/x")
                .withHeaders(contentType == null ? Map.of() : Map.of("Content-Type", contentType))
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .build();
        return ApiRequest.from(event, "c", 100);
    }

    private static Problem problemOf(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a ProblemException");
    }

    @Test
    void bindsAJsonBodyAndDecodesBase64() {
        assertThat(request("application/json; charset=utf-8", "{\"email\":\"a@b.c\",\"age\":3}", true).bodyAs(Registration.class))
                .isEqualTo(new Registration("a@b.c", 3));
    }

    @Test
    void headersAreCaseInsensitive() {
        assertThat(request("application/json", "{}", false).header("CONTENT-TYPE")).contains("application/json");
    }

    @Test
    void anotherContentTypeIs415() {
        assertThat(problemOf(() -> request("text/plain", "{}", false).bodyAs(Registration.class)).status()).isEqualTo(415);
    }

    @Test
    void brokenJsonIs400MalformedWithItsPosition() {
        Problem problem = problemOf(() -> request("application/json", "{\"email\":", false).bodyAs(Registration.class));

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(problem.detail()).contains("line 1");
    }

    @Test
    void unknownWrongTypedAndRefusedFieldsAreNamed() {
        assertThat(problemOf(() -> request("application/json", "{\"mail\":\"x\",\"age\":1}", false).bodyAs(Registration.class)).errors())
                .containsExactly(new FieldError("mail", "is not a known field"));
        assertThat(problemOf(() -> request("application/json", "{\"age\":\"old\"}", false).bodyAs(Registration.class)).errors())
                .containsExactly(new FieldError("age", "must be a whole number"));
        assertThat(problemOf(() -> request("application/json", "{\"email\":\"nope\",\"age\":1}", false).bodyAs(Registration.class)).errors())
                .extracting(FieldError::message).containsExactly("must be an email address");
        assertThat(problemOf(() -> request("application/json", "{\"email\":\"a@b.c\"}", false).bodyAs(Registration.class)).errors())
                .containsExactly(new FieldError("age", "is required"));
        assertThat(problemOf(() -> request("application/json", "[1]", false).bodyAs(Registration.class)).errors())
                .containsExactly(new FieldError("body", "must be a JSON object"));
    }

    @Test
    void aBodyAboveTheRoutesLimitIs413BeforeParsing() {
        assertThatThrownBy(() -> request("application/json", "x".repeat(101), false))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void anUnsafeCorrelationIdIsReplaced() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("X-Correlation-Id", "bad id\n{}")).build();

        assertThat(ApiRequest.correlationIdOf(event)).matches("[0-9A-Z]{26}");
    }
}
