package dev.lectern.infra;

import dev.lectern.core.resources.ResourceId;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.FunctionSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What differs between stages. A stage whose name starts with {@code dev} or {@code test} is
 * disposable: its table and buckets go with the stack. Every other stage keeps them, with
 * deletion protection on.
 *
 * @param recommendEngine where the daily similarity job computes: in its Lambda function, or on
 *                        Spark in EMR Serverless (the stage then has the resources
 *                        {@link ResourceId#sparkEngine} names, and the functions that need them)
 */
public record StageSettings(String stage, RecommendEngine recommendEngine) {

    /** The CDK context keys that set them: {@code -c stage=prod -c recommendEngine=emr}. */
    public static final String STAGE = "stage";
    public static final String RECOMMEND_ENGINE = "recommendEngine";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    /** The engines of the similarity job. */
    public enum RecommendEngine {
        /** The {@code similarity} function, in Lambda's 15 minutes and 10 GB. */
        FUNCTION,
        /** The Spark job on EMR Serverless, started daily by {@code similarity-emr}. */
        EMR;

        /** As {@code -c recommendEngine=...} spells it. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** From the CDK context: absent means {@link #FUNCTION}; anything but the engines' names is refused, naming them. */
        public static RecommendEngine of(Object contextValue) {
            if (contextValue == null) {
                return FUNCTION;
            }
            return Arrays.stream(values()).filter(e -> e.value().equals(contextValue.toString())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(RECOMMEND_ENGINE + " must be one of "
                            + Arrays.stream(values()).map(RecommendEngine::value).toList() + " (-c " + RECOMMEND_ENGINE
                            + "=emr), not '" + contextValue + "'"));
        }
    }

    public StageSettings {
        if (!NAME.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage must be 1-20 lower-case letters, digits or dashes, starting with a letter: " + stage);
        }
        if (recommendEngine == null) {
            throw new IllegalArgumentException(RECOMMEND_ENGINE + " is required");
        }
    }

    /** A stage with the function engine. */
    public StageSettings(String stage) {
        this(stage, RecommendEngine.FUNCTION);
    }

    public boolean disposable() {
        return stage.startsWith("dev") || stage.startsWith("test");
    }

    /** Whether the stage has this resource: the Spark engine's only where it runs the job there. */
    public boolean provides(ResourceId resource) {
        return !resource.sparkEngine() || recommendEngine == RecommendEngine.EMR;
    }

    /** Whether the stage deploys this function: only where it has every resource the function is granted. */
    public boolean deploys(FunctionSpec spec) {
        return spec.effectiveAccess().stream().map(Access::resource).allMatch(this::provides);
    }

    /** Steady-state requests per second across the API, and the burst above it. */
    public int throttleRateLimit() {
        return disposable() ? 50 : 500;
    }

    public int throttleBurstLimit() {
        return disposable() ? 100 : 1000;
    }

    /** The sign-in routes (/auth/*): Argon2 makes each call expensive, and they are what attackers hammer. */
    public int authThrottleRateLimit() {
        return disposable() ? 5 : 20;
    }

    public int authThrottleBurstLimit() {
        return disposable() ? 10 : 40;
    }
}
