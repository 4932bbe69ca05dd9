package dev.lectern.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameters the OpenAPI generator writes for a route: path ids, declared query parameters, Idempotency-Key. */
class OpenApiParametersTest {

    private static Route.Builder route(Route.Builder builder) {
        return builder.id("probe").handler("m", Object.class).auth(Auth.PUBLIC).audience(Audience.ANYONE);
    }

    @Test
    void pathIdsThenQueryParametersThenTheIdempotencyKey() {
        Route route = route(Route.post("/courses/{courseId}/things")).idempotent()
                .query(QueryParameter.integer("limit", 1, 100, "Things per page").withDefault(20), QueryParameter.cursor())
                .build();

        JsonNode parameters = OpenApiDocument.parameters(route);

        assertThat(parameters).extracting(p -> p.get("in").asText() + " " + p.get("name").asText())
                .containsExactly("path courseId", "query limit", "query cursor", "header Idempotency-Key");
    }

    @Test
    void aQueryParameterCarriesItsSchemaItsDefaultAndWhetherItIsRequired() {
        Route route = route(Route.get("/things"))
                .query(QueryParameter.enumeration("sort", List.of("newest", "popular"), "The order").withDefault("newest"),
                        QueryParameter.integer("limit", 1, 50, "How many").withDefault(10),
                        QueryParameter.integer("priceMax", 0, Integer.MAX_VALUE, "At most this"),
                        QueryParameter.text("q", 1, 200, "The words").asRequired(),
                        QueryParameter.matching("language", "[a-z]{2,3}", "A language"),
                        QueryParameter.date("from", "The first day"),
                        QueryParameter.string("tag", "A tag"))
                .build();

        JsonNode parameters = OpenApiDocument.parameters(route);

        assertThat(parameters).containsExactly(
                json("{'name':'sort','in':'query','required':false,'description':'The order',"
                        + "'schema':{'type':'string','enum':['newest','popular'],'default':'newest'}}"),
                json("{'name':'limit','in':'query','required':false,'description':'How many',"
                        + "'schema':{'type':'integer','minimum':1,'maximum':50,'default':10}}"),
                json("{'name':'priceMax','in':'query','required':false,'description':'At most this',"
                        + "'schema':{'type':'integer','minimum':0,'maximum':2147483647}}"),
                json("{'name':'q','in':'query','required':true,'description':'The words',"
                        + "'schema':{'type':'string','minLength':1,'maxLength':200}}"),
                json("{'name':'language','in':'query','required':false,'description':'A language',"
                        + "'schema':{'type':'string','pattern':'^(?:[a-z]{2,3})$'}}"),
                json("{'name':'from','in':'query','required':false,'description':'The first day',"
                        + "'schema':{'type':'string','format':'date'}}"),
                json("{'name':'tag','in':'query','required':false,'description':'A tag','schema':{'type':'string'}}"));
    }

    @Test
    void aRouteWithoutQueryParametersDeclaresNone() {
        assertThat(OpenApiDocument.parameters(route(Route.get("/health")).build())).isEmpty();
    }

    @Test
    void aParameterNameIsDeclaredOnce() {
        assertThatThrownBy(() -> route(Route.get("/things"))
                .query(QueryParameter.cursor(), QueryParameter.string("cursor", "Again")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor twice");
        assertThatThrownBy(() -> route(Route.get("/courses/{courseId}/things"))
                .query(QueryParameter.string("courseId", "Also a path id")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("courseId twice");
    }

    @Test
    void aQueryParameterHasAPlainNameAndADescription() {
        assertThatThrownBy(() -> QueryParameter.string("page[size]", "A page size"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryParameter.string("tag", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag needs a description");
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
