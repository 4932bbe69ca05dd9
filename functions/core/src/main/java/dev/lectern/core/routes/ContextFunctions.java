package dev.lectern.core.routes;

import java.util.List;

/**
 * The functions of one bounded context: its routes, consumers (of queues and of the table's stream) and schedules. Each context module
 * has one implementation ({@code IdentityFunctions}, {@code CatalogFunctions}, ...) registered in
 * {@code META-INF/services/dev.lectern.core.routes.ContextFunctions}; {@link LecternCatalog} joins
 * them. A context's entries live in its own jar, so adding a route to one context changes only
 * that context's package, and its handler classes are class literals the compiler checks.
 */
public interface ContextFunctions {

    /** The module name, {@code functions/<module>}: the CDK stack and the Lambda jar are named after it. */
    String module();

    List<Route> routes();

    default List<Consumer> consumers() {
        return List.of();
    }

    default List<StreamConsumer> streamConsumers() {
        return List.of();
    }

    default List<Scheduled> schedules() {
        return List.of();
    }

    /**
     * Whether this context's functions build links into the web site: in AWS their environment then carries the
     * site's URL ({@link dev.lectern.core.config.FunctionEnvironment#SITE_URL}), and their stack depends on the web
     * stack that knows it.
     */
    default boolean linksToSite() {
        return false;
    }

    /**
     * What this context's Spark job reads and writes, in stages that run it ({@link dev.lectern.core.resources.ResourceId#sparkEngine}):
     * the grants of the role its runs assume, bucket object prefixes only. Empty for a context without one.
     */
    default List<Access> sparkJob() {
        return List.of();
    }

    /**
     * The classpath resource holding this context's OpenAPI component schemas (a JSON object of
     * named schemas); the document joins them with core's.
     */
    default String openApiSchemas() {
        return "/openapi/" + module() + ".json";
    }
}
