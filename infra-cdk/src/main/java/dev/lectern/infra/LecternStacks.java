package dev.lectern.infra;

import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.LecternCatalog;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.RouteKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * One stage of Lectern, as stacks that can grow: data, API, the web distribution, one stack per
 * bounded context, and the stage. Context stacks depend on the data and API stacks through
 * references CDK manages (exports and imports), and those whose functions link to the site
 * ({@link ContextFunctions#linksToSite}) on the web stack, which depends on the API stack; the
 * stage stack depends on every context stack. Nothing depends on a context stack except the
 * stage, so a context deploys (and grows) on its own.
 *
 * <pre>
 * Lectern-&lt;stage&gt;-data ◄──┬── Lectern-&lt;stage&gt;-&lt;module&gt; (one per context) ◄── Lectern-&lt;stage&gt;-stage
 * Lectern-&lt;stage&gt;-api  ◄──┤                                                    ──►  (api)
 *        ▲                │
 * Lectern-&lt;stage&gt;-web  ◄──┘ (only the contexts that link to the site: commerce)
 * </pre>
 *
 * @param contexts the context stacks, by module, in the order of the contexts given
 */
public record LecternStacks(DataStack data, ApiStack api, WebStack web, Map<String, ContextStack> contexts, StageStack stage) {

    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Set<String> RESERVED = Set.of("data", "api", "web", "stage");

    /**
     * @param contexts the bounded contexts to deploy: {@link LecternCatalog#contexts()} for the app,
     *                 whatever a test needs otherwise
     * @param code     a context module's deployment package (tests pass an empty zip)
     * @param sparkJar the path of a context module's Spark job jar, asked for only where the stage runs it (tests
     *                 pass a placeholder file)
     * @param webApp   the web app's build, with its index.html (tests pass a directory holding one)
     */
    public static LecternStacks create(Construct scope, StageSettings settings, Environment env,
                                       List<ContextFunctions> contexts, Function<String, Code> code, Function<String, String> sparkJar,
                                       Path webApp) {
        check(contexts);
        DataStack data = new DataStack(scope, Ids.stackName(settings, "data"),
                props(env, settings, "data: table, buckets, queues and their DLQ alarms, JWT key sets, alarm topic"), settings);
        ApiStack api = new ApiStack(scope, Ids.stackName(settings, "api"),
                props(env, settings, "the HTTP API and its CORS rules (routes: context stacks; stage: stage stack)"), settings);
        List<Route> routes = contexts.stream().flatMap(c -> c.routes().stream()).filter(r -> !r.isDefaultRoute()).toList();
        String routeKeys = RouteKey.encode(routes.stream().map(Route::key).toList());
        WebStack web = new WebStack(scope, Ids.stackName(settings, "web"),
                props(env, settings, "the web app and its API on one CloudFront distribution, the site's bucket and logs"),
                settings, api.api(), routes, webApp, data.edgeSecretValue(), data.edgeSecretGeneration());
        Map<String, ContextStack> contextStacks = new LinkedHashMap<>();
        for (ContextFunctions context : contexts) {
            contextStacks.put(context.module(), new ContextStack(scope, Ids.stackName(settings, context.module()),
                    props(env, settings, "the " + context.module() + " context: its functions, routes, triggers and alarms"),
                    settings, context, data, api.api(), routeKeys, web.siteUrl(), code.apply(context.module()),
                    () -> sparkJar.apply(context.module())));
        }
        StageStack stage = new StageStack(scope, Ids.stackName(settings, "stage"),
                props(env, settings, "the API's $default stage (after every route exists), its URL and the stage's dashboard"),
                settings, api.api(), routes, data, contextStacks.values().stream().map(Stack::getStackName).toList());
        contextStacks.values().forEach(contextStack -> stage.addStackDependency(contextStack,
                "the stage's RouteSettings name routes this stack creates"));
        return new LecternStacks(data, api, web, Collections.unmodifiableMap(contextStacks), stage);
    }

    /** Every stack: data, API, web, the contexts, the stage. */
    public List<Stack> all() {
        List<Stack> all = new ArrayList<>(List.of(data, api, web));
        all.addAll(contexts.values());
        all.add(stage);
        return all;
    }

    public ContextStack context(String module) {
        ContextStack stack = contexts.get(module);
        if (stack == null) {
            throw new IllegalArgumentException("no context stack for " + module);
        }
        return stack;
    }

    private static StackProps props(Environment env, StageSettings settings, String what) {
        return StackProps.builder().env(env).description("Lectern " + settings.stage() + ", " + what).build();
    }

    /** What the stacks rely on: stack-safe module names, unique function ids, exactly one $default route. */
    private static void check(List<ContextFunctions> contexts) {
        Set<String> modules = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int fallbacks = 0;
        for (ContextFunctions context : contexts) {
            if (!MODULE.matcher(context.module()).matches() || RESERVED.contains(context.module()) || !modules.add(context.module())) {
                throw new IllegalArgumentException("a context module must be a unique lower-case name other than "
                        + RESERVED + ": " + context.module());
            }
            for (var spec : LecternCatalog.functionsOf(context).toList()) {
                if (!ids.add(spec.id())) {
                    throw new IllegalArgumentException("two functions have the id " + spec.id());
                }
            }
            fallbacks += (int) context.routes().stream().filter(Route::isDefaultRoute).count();
        }
        if (fallbacks != 1) {
            throw new IllegalArgumentException("exactly one context must declare the $default route, found " + fallbacks);
        }
    }
}
