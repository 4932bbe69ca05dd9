package dev.lectern.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lectern.core.aws.SimpleLambdaContext;
import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in throttle end to end. The parallel race goes through the local gateway (whose
 * sourceIp is the TCP peer, 127.0.0.1, as API Gateway's is). Other client networks cannot be
 * reached through it, so those cases invoke the login function itself, built in the
 * environment and grants the platform gives it, with events whose {@code sourceIp} differs: what
 * API Gateway hands the function for clients on other networks.
 */
class LoginThrottleEnd2EndTest extends LocalPlatformTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String WRONG = "wrong password!";

    private static Route loginRoute;
    private static Map<String, String> loginEnvironment;
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> loginFunction;

    @BeforeAll
    static void buildTheLoginFunction() {
        loginRoute = (Route) LecternCatalog.function("login").orElseThrow();
        loginEnvironment = platform.functionEnvironment(loginRoute);
        loginFunction = loginFunctionIn(loginEnvironment);
    }

    /** The login function built as a Lambda runtime builds it, in {@code environment}. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> loginFunctionIn(Map<String, String> environment) {
        return FunctionEnvironment.callWith(environment, () -> {
            try {
                return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                        loginRoute.handlerClass().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        });
    }

    @AfterAll
    static void closeTheLoginFunction() throws Exception {
        if (loginFunction instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void twentyParallelWrongGuessesGetAtMostFivePasswordChecks() throws Exception {
        String email = register();
        List<Callable<ApiClient.Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(() -> api.post("/auth/login", null, credentials(email, WRONG)));
        }

        List<ApiClient.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<ApiClient.Response> f : pool.invokeAll(guesses)) {
                responses.add(f.get());
            }
        }

        // a 401 is answered only after a password check; a 429 before any
        List<ApiClient.Response> checked = responses.stream().filter(r -> r.status() == 401).toList();
        List<ApiClient.Response> throttled = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(checked.size() + throttled.size()).as("nothing but 401 and 429").isEqualTo(20);
        assertThat(checked).hasSizeLessThanOrEqualTo(5);
        assertThat(throttled).hasSizeGreaterThanOrEqualTo(15).allSatisfy(r -> {
            assertThat(Long.parseLong(r.header("retry-after"))).isBetween(1L, 900L);
            assertThat(r.header("content-type")).startsWith("application/problem+json");
            assertThat(r.json().get("type").asText()).isEqualTo("/problems/too-many-requests");
        });
        assertThat(api.post("/auth/login", null, credentials(email, PASSWORD)).status())
                .as("the right password from the same network waits too").isEqualTo(429);
    }

    @Test
    void successesAreNotCounted() {
        String email = register();

        for (int i = 0; i < 8; i++) {
            assertThat(api.post("/auth/login", null, credentials(email, PASSWORD)).status()).as("sign-in " + i).isEqualTo(200);
        }
    }

    @Test
    void theOwnerOnAnotherNetworkSignsInAfterAnAttackersFailures() {
        String email = register();
        for (int i = 0; i < 5; i++) {
            assertThat(loginFrom("203.0.113.7", email, WRONG).getStatusCode()).isEqualTo(401);
        }

        APIGatewayV2HTTPResponse attacker = loginFrom("203.0.113.7", email, PASSWORD);
        APIGatewayV2HTTPResponse owner = loginFrom("198.51.100.20", email, PASSWORD);

        assertThat(attacker.getStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(attacker.getHeaders().get("Retry-After"))).isBetween(1L, 900L);
        assertThat(owner.getStatusCode()).as(owner.getBody()).isEqualTo(200);
        assertThat(owner.getBody()).contains("accessToken");
    }

    @Test
    void theCeilingAcrossNetworksTriggers() {
        String email = register();
        for (int network = 1; network <= 4; network++) {
            for (int i = 0; i < 5; i++) {
                assertThat(loginFrom("203.0.113." + network, email, WRONG).getStatusCode()).isEqualTo(401);
            }
        }

        APIGatewayV2HTTPResponse fifthNetwork = loginFrom("192.0.2.55", email, WRONG);
        APIGatewayV2HTTPResponse owner = loginFrom("198.51.100.20", email, PASSWORD);

        assertThat(fifthNetwork.getStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(fifthNetwork.getHeaders().get("Retry-After"))).isBetween(1L, 900L);
        assertThat(owner.getStatusCode()).as("at the ceiling the owner waits for the window's end too").isEqualTo(429);
    }

    /**
     * Behind the web distribution: two viewers' requests reach the function from one CloudFront server. The function
     * is built as CDK deploys it, with the distribution's secret in its environment; CloudFront sends that secret and
     * the viewer's address with every request.
     */
    @Test
    void throughTheDistributionEachViewerIsItsOwnNetworkButOnlyWithTheDistributionsSecret() throws Exception {
        String secret = "edge-secret-" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> deployed = new java.util.HashMap<>(loginEnvironment);
        deployed.put(FunctionEnvironment.EDGE_SECRET, secret);
        var behindCloudFront = loginFunctionIn(deployed);
        String cloudFront = "130.176.99.12";
        try {
            String email = register();
            for (int i = 0; i < 5; i++) {
                assertThat(loginThrough(behindCloudFront, deployed, cloudFront, Map.of("X-Lectern-Edge", secret,
                        "CloudFront-Viewer-Address", "203.0.113.7:40000"), email, WRONG).getStatusCode()).isEqualTo(401);
            }
            APIGatewayV2HTTPResponse attacker = loginThrough(behindCloudFront, deployed, cloudFront, Map.of("X-Lectern-Edge", secret,
                    "CloudFront-Viewer-Address", "203.0.113.7:40001"), email, PASSWORD);
            APIGatewayV2HTTPResponse owner = loginThrough(behindCloudFront, deployed, cloudFront, Map.of("X-Lectern-Edge", secret,
                    "CloudFront-Viewer-Address", "198.51.100.20:51000"), email, PASSWORD);
            assertThat(attacker.getStatusCode()).as("the guesser's own network is locked").isEqualTo(429);
            assertThat(owner.getStatusCode()).as("the owner behind the same edge server is not: " + owner.getBody()).isEqualTo(200);

            // straight to API Gateway with a forged viewer address and no secret: the source address counts
            String other = register();
            for (int i = 0; i < 5; i++) {
                String forged = "192.0.2." + (i + 1) + ":1234";
                assertThat(loginThrough(behindCloudFront, deployed, "198.18.0.9", Map.of("CloudFront-Viewer-Address", forged), other, WRONG)
                        .getStatusCode()).isEqualTo(401);
            }
            assertThat(loginThrough(behindCloudFront, deployed, "198.18.0.9", Map.of("X-Lectern-Edge", "guess",
                    "CloudFront-Viewer-Address", "192.0.2.99:1234"), other, WRONG).getStatusCode())
                    .as("five forged addresses were one network").isEqualTo(429);
        } finally {
            if (behindCloudFront instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** {@code function} invoked as API Gateway invokes it for a request from {@code sourceIp} with these headers. */
    private static APIGatewayV2HTTPResponse loginThrough(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                                                         Map<String, String> environment, String sourceIp, Map<String, String> headers,
                                                         String email, String password) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        all.put("Content-Type", List.of("application/json"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        var request = new GatewayEvents.HttpRequest("POST", "/auth/login", null, all,
                credentials(email, password).getBytes(StandardCharsets.UTF_8), sourceIp, "localhost");
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent event = GatewayEvents.toEvent(request, loginRoute, Map.of(), requestId, Instant.now());
        return FunctionEnvironment.callWith(environment, () -> function.handleRequest(event,
                SimpleLambdaContext.of(requestId, loginRoute.id(), loginRoute.memoryMb(), loginRoute.timeoutSeconds())));
    }

    private static String register() {
        String email = "throttle-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ann\"}").status()).isEqualTo(201);
        return email;
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** The login function invoked as API Gateway invokes it for a client at {@code sourceIp}. */
    private static APIGatewayV2HTTPResponse loginFrom(String sourceIp, String email, String password) {
        return loginThrough(loginFunction, loginEnvironment, sourceIp, Map.of(), email, password);
    }
}
