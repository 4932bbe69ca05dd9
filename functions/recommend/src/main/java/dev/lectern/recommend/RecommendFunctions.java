package dev.lectern.recommend;

import static dev.lectern.core.resources.ResourceId.ANALYTICS_BUCKET;
import static dev.lectern.core.resources.ResourceId.EMR_APPLICATION;
import static dev.lectern.core.resources.ResourceId.EMR_JOB_ROLE;
import static dev.lectern.core.resources.ResourceId.SPARK_JOB_JAR;
import static dev.lectern.core.routes.Access.pass;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;
import static dev.lectern.core.routes.Access.run;
import static dev.lectern.core.routes.Access.write;

import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.http.LanguageTags;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Access;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.QueryParameter;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.TableKeys;
import java.util.List;
import java.util.Optional;

/**
 * The recommend context's functions: the daily similarity job (a new model version in the
 * analytics bucket) and the routes that serve similar courses and a learner's recommendations
 * from it. It owns no table items: it reads the catalog's courses, learners' entitlements and the
 * trending counters (core's layouts); in the analytics bucket, the job reads only the event log's
 * Parquet files and writes only the model's prefix, and serving reads only that prefix (the event
 * log holds learners' ids).
 *
 * <p>Where the stage runs the job on Spark (infra-cdk's {@code recommendEngine=emr}), {@code similarity-emr}
 * takes over the daily schedule: it writes the published courses under a new version and starts the Spark
 * job on EMR Serverless, which reads the Parquet files and writes the model; {@code similarity} stays
 * deployed there for runs by hand. Elsewhere, and locally, {@code similarity-emr} does not exist.
 */
public final class RecommendFunctions implements ContextFunctions {

    static final String MODULE = "recommend";
    /** Course META items (summaries, published or not) and the catalog's listing of published courses. */
    static final TableKeys COURSES = Courses.KEYS.and(TableKeys.of(Courses.PUBLISHED_PARTITION));

    private static final List<Route> ROUTES = List.of(
            Route.get("/courses/{courseId}/similar").id("similar-courses")
                    .handler(MODULE, SimilarCoursesHandler.class)
                    .audience(Audience.ANYONE).problems(ProblemType.VALIDATION, ProblemType.NOT_FOUND)
                    .auth(Auth.PUBLIC).memory(1024)
                    .access(read(ANALYTICS_BUCKET, ModelVersions.ROOT), read(COURSES))
                    .summary("Published courses like a published one (learners who took one took the other; for a course with "
                            + "little behaviour, alike in tags and title), most similar first, never itself; limit")
                    .query(QueryParameter.integer("limit", 1, 50, "How many courses").withDefault(10))
                    .responds(200, "SimilarCourses")
                    .build(),
            Route.get("/me/recommendations").id("recommendations")
                    .handler(MODULE, RecommendationsHandler.class)
                    .audience(Audience.SIGNED_IN).problems(ProblemType.VALIDATION)
                    .auth(Auth.USER).memory(1024)
                    .access(read(ANALYTICS_BUCKET, ModelVersions.ROOT), read(COURSES.and(Entitlements.KEYS).and(Trending.KEYS)))
                    .summary("Courses for the caller, each with its reason (because_you_took a course, popular_in a tag or "
                            + "language, trending), never one they have, at most 2 per creator; limit, language (else Accept-Language)")
                    .query(QueryParameter.integer("limit", 1, 50, "How many courses").withDefault(10),
                            QueryParameter.matching("language", LanguageTags.PATTERN, "The language, a tag such as en "
                                    + "or zh-Hans, of the trending and popular courses a learner with little history is shown; "
                                    + "default the first tag of Accept-Language"))
                    .responds(200, "Recommendations")
                    .build());

    /** After the compaction and analytics-daily have written yesterday's Parquet file. */
    private static final String SIMILARITY_SCHEDULE = "cron(30 1 * * ? *)";

    private static final List<Scheduled> SCHEDULES = List.of(
            new Scheduled("similarity", SIMILARITY_SCHEDULE, MODULE, SimilarityJobHandler.class,
                    6144, 900, List.of(read(ANALYTICS_BUCKET, InteractionsQuery.PARQUET_ROOT), readWrite(ANALYTICS_BUCKET, ModelVersions.ROOT),
                            read(COURSES)),
                    "Builds a new recommendation model version (item-item similarity, implicit ALS, content neighbours) from "
                            + "the behaviour event log's Parquet files and moves the pointer to it").forThroughput(),
            new Scheduled("similarity-emr", SIMILARITY_SCHEDULE, MODULE, SimilarityRunHandler.class,
                    512, 60, List.of(read(COURSES), write(ANALYTICS_BUCKET, ModelVersions.ROOT), run(EMR_APPLICATION),
                            pass(EMR_JOB_ROLE), pass(SPARK_JOB_JAR)),
                    "Starts the similarity job on Spark (EMR Serverless) for a new model version, after writing the published "
                            + "courses it computes for under that version",
                    Optional.of("similarity")));

    /**
     * What the Spark job (functions/recommend-spark) touches: the event log's Parquet files, read; the model's
     * versions, read, written and pruned. The same prefixes as {@code similarity}'s, and nothing of the table:
     * the starter writes the published courses for it.
     */
    private static final List<Access> SPARK_JOB = List.of(read(ANALYTICS_BUCKET, InteractionsQuery.PARQUET_ROOT),
            readWrite(ANALYTICS_BUCKET, ModelVersions.ROOT));

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public List<Scheduled> schedules() {
        return SCHEDULES;
    }

    @Override
    public List<Access> sparkJob() {
        return SPARK_JOB;
    }
}
