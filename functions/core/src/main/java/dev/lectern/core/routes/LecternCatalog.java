package dev.lectern.core.routes;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The route catalog: every function of every context on the classpath, once. The CDK app and
 * the local platform see all contexts; a deployed function's jar carries only its own context,
 * which is all its handler needs to find its entry. The CDK app builds one function, one route
 * or trigger and least-privilege grants per entry; the local platform dispatches from it; the
 * OpenAPI document is generated from it.
 */
public final class LecternCatalog {

    private static final List<ContextFunctions> CONTEXTS = load();

    private LecternCatalog() {
    }

    /** The contexts on the classpath, by module name. */
    public static List<ContextFunctions> contexts() {
        return CONTEXTS;
    }

    /** Every API route except the {@code $default} one. */
    public static List<Route> routes() {
        return CONTEXTS.stream().flatMap(c -> c.routes().stream()).filter(r -> !r.isDefaultRoute()).toList();
    }

    /** The {@code $default} route's entry: what answers requests no route matches. */
    public static Route fallback() {
        return CONTEXTS.stream().flatMap(c -> c.routes().stream()).filter(Route::isDefaultRoute).findFirst()
                .orElseThrow(() -> new IllegalStateException("no context declares the $default route"));
    }

    /** API routes and the fallback: every function behind the HTTP API. */
    public static List<Route> apiFunctions() {
        return CONTEXTS.stream().flatMap(c -> c.routes().stream()).toList();
    }

    public static List<Consumer> consumers() {
        return CONTEXTS.stream().flatMap(c -> c.consumers().stream()).toList();
    }

    public static List<StreamConsumer> streamConsumers() {
        return CONTEXTS.stream().flatMap(c -> c.streamConsumers().stream()).toList();
    }

    public static List<Scheduled> schedules() {
        return CONTEXTS.stream().flatMap(c -> c.schedules().stream()).toList();
    }

    public static List<FunctionSpec> functions() {
        return CONTEXTS.stream().flatMap(LecternCatalog::functionsOf).toList();
    }

    public static Stream<FunctionSpec> functionsOf(ContextFunctions context) {
        return Stream.of(context.routes().stream(), context.consumers().stream(), context.streamConsumers().stream(),
                        context.schedules().stream())
                .flatMap(s -> s.map(FunctionSpec.class::cast));
    }

    public static Optional<FunctionSpec> function(String id) {
        return functions().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The function a handler class is: a route, a consumer (of a queue or of the stream) or a schedule. */
    public static Optional<FunctionSpec> functionForHandler(Class<?> handlerClass) {
        return functions().stream().filter(f -> f.handlerClass().equals(handlerClass)).findFirst();
    }

    /** The route a handler class serves; a handler serves exactly one route. */
    public static Optional<Route> routeForHandler(Class<?> handlerClass) {
        return apiFunctions().stream().filter(r -> r.handlerClass().equals(handlerClass)).findFirst();
    }

    public static Optional<Scheduled> schedule(String id) {
        return schedules().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<ContextFunctions> load() {
        List<ContextFunctions> contexts = ServiceLoader.load(ContextFunctions.class, LecternCatalog.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ContextFunctions::module))
                .toList();
        Set<String> ids = new HashSet<>();
        for (ContextFunctions context : contexts) {
            functionsOf(context).forEach(f -> {
                if (!ids.add(f.id())) {
                    throw new IllegalStateException("two catalog entries have the id " + f.id());
                }
                if (!f.module().equals(context.module())) {
                    throw new IllegalStateException(f.id() + " names module " + f.module() + " but is declared by " + context.module());
                }
            });
            Scheduled.checkReplacements(context.schedules());
        }
        return contexts;
    }
}
