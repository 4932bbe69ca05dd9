package dev.lectern.core.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private static Route route(Route.Builder builder, String id) {
        return builder.id(id).handler("m", Object.class).auth(Auth.PUBLIC).build();
    }

    private final RouteMatcher<Route> matcher = RouteMatcher.of(List.of(
            route(Route.get("/courses/{courseId}"), "get-course"),
            route(Route.patch("/courses/{courseId}"), "patch-course"),
            route(Route.get("/courses/search"), "search"),
            route(Route.get("/courses/{courseId}/lessons/{lessonId}/content"), "content")));

    @Test
    void bindsPathParametersByName() {
        var result = matcher.match("GET", "/courses/C1/lessons/L9/content");

        assertThat(result.match()).hasValueSatisfying(m -> {
            assertThat(m.route().id()).isEqualTo("content");
            assertThat(m.pathParameters()).containsEntry("courseId", "C1").containsEntry("lessonId", "L9");
        });
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertThat(matcher.match("GET", "/courses/search").match()).hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("search"));
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        var result = matcher.match("DELETE", "/courses/C1");

        assertThat(result.match()).isEmpty();
        assertThat(result.pathExists()).isTrue();
        assertThat(result.allowedMethods()).containsExactly("GET", "HEAD", "PATCH");
    }

    @Test
    void headIsAnsweredByTheGetRoute() {
        assertThat(matcher.match("HEAD", "/courses/C1").match()).hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("get-course"));
        assertThat(matcher.match("HEAD", "/courses/search").match()).hasValueSatisfying(m -> assertThat(m.route().id()).isEqualTo("search"));
    }

    @Test
    void anUnknownPathMatchesNothing() {
        var result = matcher.match("GET", "/nope");

        assertThat(result.match()).isEmpty();
        assertThat(result.pathExists()).isFalse();
        assertThat(matcher.match("GET", "/courses//lessons/x/content").pathExists()).isFalse();
    }

    @Test
    void bareRouteKeysSurviveTheirEncodingAndMatchLikeRoutes() {
        List<RouteKey> keys = List.of(new RouteKey("GET", "/courses/{courseId}"), new RouteKey("PATCH", "/courses/{courseId}"));
        var fromKeys = RouteMatcher.ofKeys(RouteKey.decode(RouteKey.encode(keys)));

        assertThat(RouteKey.decode(RouteKey.encode(keys))).isEqualTo(keys.stream().map(RouteKey::shape).toList())
                .containsExactly(new RouteKey("GET", "/courses/{}"), new RouteKey("PATCH", "/courses/{}"));
        assertThat(fromKeys.match("GET", "/courses/C1").match()).isPresent();
        assertThat(fromKeys.match("DELETE", "/courses/C1").allowedMethods()).containsExactly("GET", "HEAD", "PATCH");
        assertThat(RouteKey.decode(RouteKey.encode(List.of()))).isEmpty();
    }
}
