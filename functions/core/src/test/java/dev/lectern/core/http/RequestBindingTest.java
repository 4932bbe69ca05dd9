package dev.lectern.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request bodies are bound strictly: no coercion, no duplicates, no control characters; Jackson never shows through. */
class RequestBindingTest {

    record Price(Long amount, String currency) {
    }

    record Fields(String title, Integer rating, Boolean freePreview, List<String> tags, Price price, Double score) {
    }

    private static Problem problemOf(String json) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/x")
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(json).withIsBase64Encoded(false).build();
        try {
            ApiRequest.from(event, "c", 64 * 1024).bodyAs(Fields.class);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("bound without a problem: " + json);
    }

    private static Fields bind(String json) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/x")
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(json).withIsBase64Encoded(false).build();
        return ApiRequest.from(event, "c", 64 * 1024).bodyAs(Fields.class);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"price\":{\"amount\":19.99}}              | price.amount | must be a whole number",
            "{\"price\":{\"amount\":\"1999\"}}           | price.amount | must be a whole number",
            "{\"price\":{\"amount\":1e3}}                | price.amount | must be a whole number",
            "{\"price\":{\"amount\":99999999999999999999}} | price.amount | is out of range",
            "{\"rating\":4.7}                            | rating       | must be a whole number",
            "{\"rating\":true}                           | rating       | must be a whole number",
            "{\"rating\":\"\"}                           | rating       | must be a whole number",
            "{\"title\":true}                            | title        | must be a string",
            "{\"title\":12}                              | title        | must be a string",
            "{\"title\":{\"a\":1}}                       | title        | must be a string",
            "{\"tags\":[1,2]}                            | tags[0]      | must be a string",
            "{\"tags\":\"java\"}                         | tags         | must be an array",
            "{\"freePreview\":1}                         | freePreview  | must be true or false",
            "{\"freePreview\":\"true\"}                  | freePreview  | must be true or false",
            "{\"price\":[]}                              | price        | must be an object",
            "{\"title\":\"a\",\"title\":\"b\"}           | title        | appears more than once",
            "{\"title\":\"a\\u0000b\"}                   | title        | must not contain control characters",
            "{\"title\":\"a\\u001bb\"}                   | title        | must not contain control characters",
            "{\"tags\":[\"ok\",\"\\u0085\"]}             | tags[1]      | must not contain control characters",
            "{\"title\":\"\\ud800\"}                     | title        | must not contain control characters",
            "{\"nope\":1}                                | nope         | is not a known field",
    })
    void refusesWhatItWouldHaveCoercedAndNamesTheField(String json, String field, String message) {
        Problem problem = problemOf(json);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION.uri());
        assertThat(problem.errors()).extracting(FieldError::field, FieldError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(field, message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{title: \"x\"}",
            "{\"title\": 'x'}",
            "{\"title\": \"x\",}",
            "{\"title\": \"x\"} trailing",
            "{\"rating\": NaN}",
            "{\"rating\": 01}",
            "[",
    })
    void malformedJsonSaysWhereNotHowOurParserIsConfigured(String json) {
        Problem problem = problemOf(json);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail() + problem.errors()).doesNotContain("Feature").doesNotContain("jackson")
                .doesNotContain("Jackson").doesNotContain("java.").doesNotContain("`").doesNotContain("enable");
    }

    @Test
    void acceptsWhatIsRightAndNormalisesText() {
        Fields fields = bind("{\"title\":\"Cafe\\u0301\",\"rating\":4,\"freePreview\":false,\"tags\":[\"a\\tb\"],"
                + "\"price\":{\"amount\":1999,\"currency\":\"usd\"},\"score\":4}");

        assertThat(fields.title()).isEqualTo("Café").hasSize(4);
        assertThat(fields.rating()).isEqualTo(4);
        assertThat(fields.freePreview()).isFalse();
        assertThat(fields.tags()).containsExactly("a\tb");
        assertThat(fields.price().amount()).isEqualTo(1999L);
        assertThat(fields.score()).isEqualTo(4.0);
        assertThat(bind("{\"title\":null}").title()).isNull();
    }
}
