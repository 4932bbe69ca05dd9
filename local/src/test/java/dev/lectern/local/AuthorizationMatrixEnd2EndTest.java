package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The authorization matrix, generated from the route catalog: every route (and the {@code $default}
 * route) called as each kind of caller, with path ids from a fixture and a valid body from its
 * request schema's example, asserting what its declared {@link Audience} implies:
 * <ul>
 *   <li>anonymous: 401 unless the audience is {@link Audience#ANYONE};</li>
 *   <li>a user whose account was erased (DELETE /me), reusing its access token: 401 on every protected
 *       write (403 where its roles already fail the route's rule), and nothing of its own on reads;</li>
 *   <li>outside the audience: 403 on the published fixture;</li>
 *   <li>inside: "allowed", any status but 401 and 403 (and never a 5xx).</li>
 * </ul>
 * Then the same routes on a draft course, which is hidden from everyone but its creator and admins
 * (401, 403 or 404 — never a success), and free-preview lessons, which anyone may read. Writes run
 * on a fresh course each, and routes that change the caller's own account on fresh accounts, so no
 * case sees what another changed. Every response is also checked against the OpenAPI document.
 */
class AuthorizationMatrixEnd2EndTest extends LocalPlatformTest {

    enum Actor { ANONYMOUS, LEARNER, ENTITLED_LEARNER, OTHER_CREATOR, OWNER, ADMIN, DELETED_USER }

    /** An account the suite signed up: its email (password {@link ApiClient#PASSWORD}) and access token. */
    record Account(String email, String token, String id) {
    }

    private static final int THREADS = 4;
    private static RouteFixtures fixtures;
    private static ApiClient client;
    private static Map<Actor, String> tokens;
    private static Account loginAccount;
    private static String victimId;
    private static RouteFixtures.Course shared;
    private static RouteFixtures.Course draft;
    private static String orderId;

    @BeforeAll
    static void actors() {
        client = api.unchecked();
        fixtures = new RouteFixtures(api);
        Account owner = account(true);
        Account entitled = account(false);
        Account deleted = account(true);
        tokens = new HashMap<>();
        tokens.put(Actor.LEARNER, account(false).token());
        tokens.put(Actor.ENTITLED_LEARNER, entitled.token());
        tokens.put(Actor.OTHER_CREATOR, account(true).token());
        tokens.put(Actor.OWNER, owner.token());
        tokens.put(Actor.ADMIN, adminToken());
        tokens.put(Actor.DELETED_USER, deleted.token());
        loginAccount = account(false);
        victimId = account(false).id();
        shared = fixtures.course(owner.token(), true, entitled.token(), deleted.token());
        draft = fixtures.course(owner.token(), false);
        orderId = fixtures.pendingOrder(owner.token(), entitled.token());
        // the erased user had the creator role and an entitlement to the shared course: its token is
        // still well signed for up to 15 minutes, so every route must look further than the signature
        assertThat(client.send("DELETE", "/me", deleted.token(), "{\"password\":\"" + ApiClient.PASSWORD + "\"}").status()).isEqualTo(204);
        awaitEntitlementsErased(deleted.id());
    }

    @Test
    void everyRouteDeclaresWhoMayCallIt() {
        assertThat(LecternCatalog.apiFunctions()).allSatisfy(route ->
                assertThat(route.audience()).as(route.routeKey() + " declares no audience (Route.Builder.audience)").isNotNull());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAsEveryCaller() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Route route : LecternCatalog.routes()) {
            for (Actor actor : Actor.values()) {
                cases.add(new Case(route.routeKey() + " as " + actor, route, actor, Variant.PUBLISHED));
                if (route.pathParameters().contains("courseId") && hiddenFromOutsiders(actor)) {
                    cases.add(new Case(route.routeKey() + " on a draft as " + actor, route, actor, Variant.DRAFT));
                }
                if (route.method().equals("GET") && route.audience() == Audience.ENTITLED && route.pathParameters().contains("lessonId")) {
                    cases.add(new Case(route.routeKey() + " free preview as " + actor, route, actor, Variant.PREVIEW));
                }
            }
        }
        Route fallback = LecternCatalog.fallback();
        for (Actor actor : Actor.values()) {
            cases.add(new Case("$default GET /no/such/route as " + actor, fallback, actor, Variant.UNKNOWN_PATH));
            cases.add(new Case("$default DELETE /health as " + actor, fallback, actor, Variant.WRONG_METHOD));
        }
        long started = System.nanoTime();
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (Case c : cases) {
                outcomes.add(pool.submit(() -> run(c)));
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String failure = outcomes.get(i).get();
            tests.add(DynamicTest.dynamicTest(cases.get(i).name(), () -> assertThat(failure).as("outcome").isNull()));
        }
        System.out.printf("authorization matrix: %d cases in %d ms%n", cases.size(), (System.nanoTime() - started) / 1_000_000);
        return tests.stream();
    }

    enum Variant { PUBLISHED, DRAFT, PREVIEW, UNKNOWN_PATH, WRONG_METHOD }

    record Case(String name, Route route, Actor actor, Variant variant) {
    }

    /** Runs one case; null when its outcome is right, else what was wrong. */
    private static String run(Case c) {
        try {
            return check(c);
        } catch (RuntimeException | AssertionError e) {
            return "the case could not run: " + e;
        }
    }

    private static String check(Case c) {
        Route route = c.route();
        String token = c.actor() == Actor.ANONYMOUS ? null : tokens.get(c.actor());
        if (c.variant() == Variant.UNKNOWN_PATH || c.variant() == Variant.WRONG_METHOD) {
            String method = c.variant() == Variant.UNKNOWN_PATH ? "GET" : "DELETE";
            String path = c.variant() == Variant.UNKNOWN_PATH ? "/no/such/route" : "/health";
            return verdict(c, method, path, client.send(method, path, token, null), c.variant() == Variant.UNKNOWN_PATH ? 404 : 405);
        }
        boolean writes = !route.method().equals("GET");
        Map<String, String> ids = new HashMap<>();
        if (c.variant() == Variant.DRAFT) {
            ids.putAll(draft.ids());
        } else if (writes && route.pathParameters().contains("courseId")) {
            ids.putAll(fixtures.course(tokens.get(Actor.OWNER), true, tokens.get(Actor.ENTITLED_LEARNER)).ids());
        } else {
            ids.putAll(shared.ids());
        }
        if (c.variant() == Variant.PREVIEW) {
            ids.put("lessonId", ids.get("previewLessonId"));
        }
        ids.put("id", victimId);
        ids.put("orderId", orderId);
        if (writes && route.audience() == Audience.SIGNED_IN && route.pathParameters().isEmpty() && token != null
                && c.actor() != Actor.DELETED_USER) {
            // the route changes the caller's own account: a fresh account of the same kind, so no other case sees it
            token = freshActor(c.actor());
        }
        String path = RouteFixtures.path(route, ids);
        String body = RouteFixtures.body(route, ids, Map.of(
                "Login", () -> "{\"email\":\"" + loginAccount.email() + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}",
                "RefreshRequest", () -> RouteFixtures.json("refreshToken", refreshTokenOf(loginAccount)),
                "AccountDeletion", () -> RouteFixtures.json("password", ApiClient.PASSWORD)));
        ApiClient.Response response = client.send(route.method(), path, token, body);
        return verdict(c, route.method(), path, response, 0);
    }

    /** What the audience implies for this caller, compared with what came back. */
    private static String verdict(Case c, String method, String path, ApiClient.Response response, int exactly) {
        int status = response.status();
        List<String> problems = new ArrayList<>(ApiClient.violations(method, path, response));
        String got = method + " " + path + " -> " + status + " " + abbreviate(response.body());
        if (status >= 500) {
            problems.add("a server error: " + got);
        } else if (exactly != 0) {
            if (status != exactly) {
                problems.add("expected " + exactly + ": " + got);
            }
        } else {
            String expected = expectation(c);
            if (!matches(expected, c, response)) {
                problems.add("expected " + expected + ": " + got);
            }
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }

    /** The outcome the route's audience implies for the case's caller. */
    static String expectation(Case c) {
        Route route = c.route();
        Audience audience = route.audience();
        Actor actor = c.actor();
        if (c.variant() == Variant.PREVIEW) {
            return "allowed";
        }
        if (c.variant() == Variant.DRAFT) {
            if (actor == Actor.ANONYMOUS && audience != Audience.ANYONE) {
                // a token is optional on the route: the handler may say "no such course" before "sign in"
                return route.auth() == Auth.OPTIONAL_USER ? "401, 403 or 404" : "401";
            }
            if (actor == Actor.DELETED_USER && route.writes()) {
                return route.auth() == Auth.ADMIN ? "401 or 403" : "401";
            }
            return actor == Actor.DELETED_USER && audience != Audience.ANYONE ? "401, 403 or 404" : "hidden";
        }
        if (actor == Actor.ANONYMOUS) {
            return audience == Audience.ANYONE ? "allowed" : "401";
        }
        if (actor == Actor.DELETED_USER) {
            if (audience == Audience.ANYONE) {
                return "allowed";
            }
            if (route.writes()) {
                // the erased account had the creator role: only the admin rule stops it before its status is read
                return route.auth() == Auth.ADMIN ? "401 or 403" : "401";
            }
            // its own data (a path under /me): nothing left of it, or refused
            return audience == Audience.SIGNED_IN || route.path().contains("/me/") ? "gone" : "401, 403 or 404";
        }
        boolean inside = switch (audience) {
            case ANYONE, SIGNED_IN -> true;
            case CREATOR -> actor == Actor.OTHER_CREATOR || actor == Actor.OWNER || actor == Actor.ADMIN;
            case LEARNER -> actor != Actor.OWNER;
            case ENROLLED -> actor == Actor.ENTITLED_LEARNER;
            case ENTITLED -> actor == Actor.ENTITLED_LEARNER || actor == Actor.OWNER || actor == Actor.ADMIN;
            case OWNER -> actor == Actor.OWNER || actor == Actor.ADMIN;
            // the fixture order is the entitled learner's
            case BUYER -> actor == Actor.ENTITLED_LEARNER || actor == Actor.ADMIN;
            case ADMIN -> actor == Actor.ADMIN;
        };
        if (!inside && audience == Audience.BUYER) {
            // another's order does not exist for the caller
            return "hidden";
        }
        return inside ? "allowed" : "403";
    }

    private static boolean matches(String expected, Case c, ApiClient.Response response) {
        int status = response.status();
        return switch (expected) {
            // past authorization, and the fixture holds what the route names: only the body or the state may object
            case "allowed" -> status < 500 && status != 401 && status != 403 && status != 404;
            case "401" -> status == 401;
            case "403" -> status == 403;
            case "401 or 403" -> status == 401 || status == 403;
            case "401, 403 or 404" -> status == 401 || status == 403 || status == 404;
            case "hidden" -> status == 403 || status == 404;
            // an erased account's own reads: refused, or nothing of its own left (reads do not look up account status)
            case "gone" -> status == 401 || status == 404 || (status == 200 && emptyItems(response));
            default -> throw new IllegalStateException(expected);
        };
    }

    private static boolean emptyItems(ApiClient.Response response) {
        JsonNode json = response.json();
        // a list, a course's progress (its lessons), or an earnings or analytics report (its totals)
        JsonNode items = json.has("items") ? json.get("items") : json.has("lessons") ? json.get("lessons") : json.get("totals");
        if (json.has("modelVersion") && items.isArray()) {
            // recommendations: what is trending or popular is nobody's; "because you took" would be the account's own
            return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                    .noneMatch(item -> "because_you_took".equals(item.path("reason").path("type").asText()));
        }
        // analytics totals are an object: nothing of the account's is one where every count is 0 and every list empty
        return items != null && (items.isArray() && items.isEmpty() || items.isObject() && nothingIn(items));
    }

    private static boolean nothingIn(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble() == 0;
        }
        if (node.isArray()) {
            return node.isEmpty();
        }
        java.util.List<JsonNode> values = new java.util.ArrayList<>();
        node.elements().forEachRemaining(values::add);
        return values.stream().allMatch(AuthorizationMatrixEnd2EndTest::nothingIn);
    }

    /** On a draft, everyone but its creator and admins is an outsider (the entitled learner too: not entitled to it). */
    private static boolean hiddenFromOutsiders(Actor actor) {
        return actor != Actor.OWNER && actor != Actor.ADMIN;
    }

    private static String freshActor(Actor actor) {
        return switch (actor) {
            case LEARNER -> account(false).token();
            case ENTITLED_LEARNER -> {
                String token = account(false).token();
                client.post("/courses/" + shared.get("courseId") + "/enroll", token, null);
                yield token;
            }
            case OTHER_CREATOR -> account(true).token();
            case OWNER -> {
                String token = account(true).token();
                fixtures.course(token, true);
                yield token;
            }
            case ADMIN -> adminToken();
            default -> throw new IllegalArgumentException(actor.name());
        };
    }

    /** A new account; with {@code creator} its token carries the creator role. */
    static Account account(boolean creator) {
        String email = "m-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response registered = client.post("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\",\"displayName\":\"Matrix\"}");
        if (registered.status() != 201) {
            throw new IllegalStateException("register: " + registered.status() + " " + registered.body());
        }
        JsonNode tokens = client.post("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}").json();
        String token = tokens.get("accessToken").asText();
        if (creator) {
            client.post("/me/roles/creator", token, null);
            token = client.post("/auth/refresh", null, RouteFixtures.json("refreshToken", tokens.get("refreshToken").asText()))
                    .json().get("accessToken").asText();
        }
        return new Account(email, token, JWT.decode(token).getSubject());
    }

    private static String refreshTokenOf(Account account) {
        return client.post("/auth/login", null, "{\"email\":\"" + account.email() + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}")
                .json().get("refreshToken").asText();
    }

    /** Erasure reaches the catalog through the accounts queue: wait (bounded) until its entitlements are gone. */
    private static void awaitEntitlementsErased(String userId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            int left = platform.emulators().dynamoDb().query(b -> b.tableName(platform.emulators().resources().tableName())
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
                            AttributeValue.fromS("ENTITLEMENTS#" + userId)))).count();
            if (left == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
