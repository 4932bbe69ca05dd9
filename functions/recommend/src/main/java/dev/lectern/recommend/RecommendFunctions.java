package dev.lectern.recommend;

import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import java.util.List;

/**
 * The recommend context's functions: the daily similarity job and the routes that serve similar
 * courses and a learner's recommendations.
 */
public final class RecommendFunctions implements ContextFunctions {

    static final String MODULE = "recommend";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }
}
