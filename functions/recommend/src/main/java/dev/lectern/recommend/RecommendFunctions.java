package dev.lectern.recommend;

import static dev.lectern.core.resources.ResourceId.ANALYTICS_BUCKET;
import static dev.lectern.core.routes.Access.read;
import static dev.lectern.core.routes.Access.readWrite;

import dev.lectern.core.dynamo.Courses;
import dev.lectern.core.dynamo.Entitlements;
import dev.lectern.core.dynamo.Trending;
import dev.lectern.core.http.ProblemType;
import dev.lectern.core.routes.Audience;
import dev.lectern.core.routes.Auth;
import dev.lectern.core.routes.ContextFunctions;
import dev.lectern.core.routes.Route;
import dev.lectern.core.routes.Scheduled;
import dev.lectern.core.routes.TableKeys;
import java.util.List;

/**
 * The recommend context's functions: the daily similarity job (a new model version in the
 * analytics bucket) and the routes that serve similar courses and a learner's recommendations
 * from it. It owns no table items: it reads the catalog's courses, learners' entitlements and the
 * trending counters (core's layouts); in the analytics bucket, the job reads only the event log's
 * Parquet files and writes only the model's prefix, and serving reads only that prefix (the event
 * log holds learners' ids).
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
                    .responds(200, "SimilarCourses")
                    .build(),
            Route.get("/me/recommendations").id("recommendations")
                    .handler(MODULE, RecommendationsHandler.class)
                    .audience(Audience.SIGNED_IN).problems(ProblemType.VALIDATION)
                    .auth(Auth.USER).memory(1024)
                    .access(read(ANALYTICS_BUCKET, ModelVersions.ROOT), read(COURSES.and(Entitlements.KEYS).and(Trending.KEYS)))
                    .summary("Courses for the caller, each with its reason (because_you_took a course, popular_in a tag or "
                            + "language, trending), never one they have, at most 2 per creator; limit, language (else Accept-Language)")
                    .responds(200, "Recommendations")
                    .build());

    private static final List<Scheduled> SCHEDULES = List.of(
            new Scheduled("similarity", "cron(30 1 * * ? *)", MODULE, SimilarityJobHandler.class,
                    6144, 900, List.of(read(ANALYTICS_BUCKET, InteractionSource.PARQUET_ROOT), readWrite(ANALYTICS_BUCKET, ModelVersions.ROOT),
                            read(COURSES)),
                    "Builds a new recommendation model version (item-item similarity, implicit ALS, content neighbours) from "
                            + "the behaviour event log's Parquet files and moves the pointer to it"));

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
}
