package dev.lectern.infra;

import static dev.lectern.infra.TestApps.props;
import static dev.lectern.infra.TestApps.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.config.FunctionEnvironment;
import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.Consumer;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.RouteKey;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.TableKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

/**
 * Room to grow: the real contexts plus six synthetic ones of 25 functions each (150 more, 186 in
 * all), built by the same stacks. Every stack stays within the budget, far from CloudFormation's
 * 500, and the {@code $default} function's route keys fit Lambda's 4 KB of environment.
 */
class LecternGrowthTest {

    static final int SYNTHETIC_CONTEXTS = 6;
    static final int FUNCTIONS_PER_CONTEXT = 25;
    /** Lambda's limit on a function's environment: all keys and values together. */
    static final int LAMBDA_ENVIRONMENT_LIMIT = 4 * 1024;

    private static List<ContextFunctions> contexts;
    private static TestApps.Synthesized app;

    /** Stands in for a handler class: the stacks only need its name. */
    static final class SyntheticHandler {
    }

    record SyntheticContext(String module, List<Route> routes, List<Consumer> consumers, List<Scheduled> schedules)
            implements ContextFunctions {
    }

    private static final List<String> WORDS = List.of("courses", "lessons", "sections", "quizzes", "answers", "attempts",
            "certificates", "bundles", "coupons", "orders", "refunds", "payouts", "creators", "learners", "cohorts",
            "schedules", "sessions", "notes", "bookmarks", "highlights", "comments", "threads", "reactions", "badges",
            "streaks", "goals", "playlists", "transcripts", "captions", "chapters", "assignments", "submissions",
            "grades", "rubrics", "invitations", "teams", "seats", "invoices", "receipts", "webhooks");
    private static final List<String> PARAMETERS = List.of("{courseId}", "{lessonId}", "{userId}", "{itemId}", "{orderId}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * A context as a real one might look: mostly routes of three to five segments with parameters, all
     * under one first segment of its own (each first segment is a behaviour of the web distribution),
     * reads and writes under its own key prefixes, some media and analytics access, protected routes
     * (which read the verification keys), two consumers and two schedules.
     */
    static SyntheticContext synthetic(int n, Random random) {
        String module = "growth-" + (char) ('a' + n);
        TableKeys keys = TableKeys.of("G" + n + "ITEM#", "G" + n + "OWNER#", "G" + n + "INDEX");
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int routeCount = FUNCTIONS_PER_CONTEXT - 4;
        while (routes.size() < routeCount) {
            StringBuilder path = new StringBuilder("/" + module.substring("growth-".length()) + "/" + WORDS.get(random.nextInt(WORDS.size())));
            int segments = 1 + random.nextInt(3);
            for (int s = 0; s < segments; s++) {
                path.append('/').append(random.nextBoolean() ? PARAMETERS.get(random.nextInt(PARAMETERS.size()))
                        : WORDS.get(random.nextInt(WORDS.size())));
            }
            String method = METHODS.get(random.nextInt(METHODS.size()));
            if (!seen.add(method + " " + path)) {
                continue;
            }
            int i = routes.size();
            Access table = method.equals("GET") ? Access.read(keys) : Access.readWrite(keys);
            List<Access> access = switch (i % 6) {
                case 0 -> List.of(table, Access.read(ResourceId.MEDIA_BUCKET));
                case 1 -> List.of(table, Access.send(ResourceId.BEHAVIOUR_QUEUE));
                case 2 -> List.of(table, Access.write(ResourceId.ANALYTICS_BUCKET));
                default -> List.of(table);
            };
            routes.add(new Route(module + "-route-" + i, method, path.toString(), module, SyntheticHandler.class,
                    i % 3 == 0 ? Auth.PUBLIC : Auth.USER, 512, 10, access, "Synthetic route " + i,
                    null, 200, null, Route.DEFAULT_MAX_BODY_BYTES, false));
        }
        List<Consumer> consumers = List.of(
                new Consumer(module + "-consumer-0", ResourceId.BEHAVIOUR_QUEUE, module, SyntheticHandler.class, 10, 2, 1024, 30,
                        List.of(Access.readWrite(keys))),
                new Consumer(module + "-consumer-1", ResourceId.PAYMENTS_QUEUE, module, SyntheticHandler.class, 10, 2, 1024, 30,
                        List.of(Access.readWrite(keys), Access.write(ResourceId.ANALYTICS_BUCKET))));
        List<Scheduled> schedules = List.of(
                new Scheduled(module + "-job-0", "rate(1 hour)", module, SyntheticHandler.class, 1024, 60,
                        List.of(Access.read(keys)), "Synthetic hourly job"),
                new Scheduled(module + "-job-1", "cron(0 3 * * ? *)", module, SyntheticHandler.class, 2048, 600,
                        List.of(Access.readWrite(ResourceId.ANALYTICS_BUCKET)), "Synthetic nightly job"));
        return new SyntheticContext(module, routes, consumers, schedules);
    }

    @BeforeAll
    static void synthesize() {
        Random random = new Random(20261128);
        contexts = new ArrayList<>(LecternCatalog.contexts());
        for (int n = 0; n < SYNTHETIC_CONTEXTS; n++) {
            contexts.add(synthetic(n, random));
        }
        app = TestApps.synthesize("growth", contexts);
    }

    private static List<Route> apiRoutes() {
        return contexts.stream().flatMap(c -> c.routes().stream()).filter(r -> !r.isDefaultRoute()).toList();
    }

    @Test
    void atLeast150MoreFunctionsAreDeployed() {
        long synthetic = contexts.stream().skip(LecternCatalog.contexts().size()).flatMap(LecternCatalog::functionsOf).count();
        long deployed = app.stacks().contexts().values().stream()
                .mapToLong(s -> app.of(s).findResources("AWS::Lambda::Function").size()).sum();

        assertThat(synthetic).isGreaterThanOrEqualTo(150);
        // the growth stage runs the similarity job in its function: the Spark engine's starter is not deployed
        StageSettings growth = new StageSettings("growth");
        assertThat(deployed).isEqualTo(synthetic + LecternCatalog.functions().stream().filter(growth::deploys).count());
        assertThat(apiRoutes()).hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void everyStackStaysUnder300ResourcesAndWithinTheBudget() {
        for (Stack stack : app.stacks().all()) {
            int count = ((Map<?, ?>) app.of(stack).toJSON().get("Resources")).size();
            System.out.println("[lectern] growth: " + stack.getStackName() + ": " + count + " resources");
            assertThat(count).as(stack.getStackName()).isLessThan(300).isLessThanOrEqualTo(ResourceBudget.MAX_RESOURCES);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultRouteKnowsEveryRouteWellWithinLambdasEnvironmentLimit() {
        Route fallback = LecternCatalog.fallback();
        Map<String, Object> function = props(resource(app.context(fallback.module()), "AWS::Lambda::Function",
                Ids.pascal(fallback.id()) + "Function").getValue());
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
        String encoded = (String) variables.get(FunctionEnvironment.ROUTE_KEYS);

        assertThat(RouteKey.decode(encoded)).containsExactlyElementsOf(apiRoutes().stream().map(Route::key).map(RouteKey::shape).toList());
        int size = variables.entrySet().stream()
                .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8).length)
                .sum();
        System.out.println("[lectern] growth: " + apiRoutes().size() + " route keys take " + encoded.length()
                + " bytes; the $default function's environment " + size + " of " + LAMBDA_ENVIRONMENT_LIMIT);
        // no resource values (tokens) in this function's environment: the size is what Lambda sees
        assertThat(variables.values()).allMatch(v -> v instanceof String);
        assertThat(size).isLessThan(LAMBDA_ENVIRONMENT_LIMIT / 2);
    }

    @Test
    void theDashboardKeepsItsSizeAndItsSearchesFitWith150MoreFunctions() {
        String body = LecternStackTest.dashboardBody(app.stage());

        assertThat(LecternStackTest.count(body, "\"type\":\"metric\"")).isEqualTo(LecternStackTest.DASHBOARD_GRAPHS);
        contexts.forEach(c -> assertThat(body).contains("FunctionName=Lectern-growth-" + c.module()));
        assertThat(app.stacks().stage().dashboard().searches()).allSatisfy(search ->
                assertThat(search.length()).isLessThanOrEqualTo(OperationsDashboard.MAX_SEARCH_LENGTH));
    }

    @Test
    void synthesizedGrowthStillPassesCdkNag() {
        assertThat(app.nagErrors()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void aContextOverTheBudgetFailsSynthesisWithAMessageSayingWhatToDo() {
        Random random = new Random(1);
        List<ContextFunctions> tooBig = new ArrayList<>(LecternCatalog.contexts());
        SyntheticContext a = synthetic(0, random);
        SyntheticContext b = synthetic(1, random);
        List<Route> routes = new ArrayList<>(a.routes());
        b.routes().forEach(r -> routes.add(new Route(r.id().replace("growth-b", "growth-a-more"), r.method(), r.path(), a.module(),
                r.handlerClass(), r.auth(), r.memoryMb(), r.timeoutSeconds(), r.access(), r.summary(), null, 200, null,
                r.maxBodyBytes(), false)));
        tooBig.add(new SyntheticContext(a.module(), routes, a.consumers(), a.schedules()));

        assertThatThrownBy(() -> TestApps.synthesize("growth", tooBig))
                .hasMessageContaining("Lectern-growth-growth-a has")
                .hasMessageContaining("split the context");
    }
}
