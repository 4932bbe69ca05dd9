package dev.lectern.core.aws;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * The Micronaut context every Lectern handler runs in: Micronaut's Lambda environments
 * ({@code function}, {@code lambda}) without its Lambda builder's eager creation of every
 * singleton. A context's jar holds the beans of all its functions, most of which need resources
 * this function is not granted (and all of which cost start time); a handler builds only what it
 * injects. What the first request needs is warmed by priming, not by building everything.
 */
public final class FunctionContexts {

    private FunctionContexts() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments("function", "lambda")
                // configuration comes from LecternConfig; none of Micronaut's own sources is read
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .bootstrapEnvironment(false)
                .enableDefaultPropertySources(false)
                .environmentPropertySource(false)
                .banner(false);
    }
}
