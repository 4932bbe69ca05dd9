package dev.lectern.recommend;

import dev.lectern.core.config.LecternConfig;
import dev.lectern.core.resources.ResourceId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;

/**
 * Starts one run of the similarity job on Spark, where the stage runs it on EMR Serverless: names the
 * version the run is to build ({@link ModelStore#newVersion}, as the function engine does), writes the
 * published courses it computes for under that version ({@link ModelVersions#COURSES}: the Spark job
 * reads no table), then asks EMR Serverless for the run. The Spark job reads the event log's Parquet
 * files and the courses and writes the model, its manifest and the pointer itself; nothing here
 * waits for it. A run that fails or outlives {@link #TIMEOUT_MINUTES} alarms in the stack.
 */
@Singleton
public class SimilarityRunStarter {

    /** The Spark job's entry point in its jar (functions/recommend-spark). */
    static final String MAIN_CLASS = "dev.lectern.recommend.spark.SparkSimilarityJob";

    /** EMR Serverless cancels a run still going after this: a run takes minutes, and the next one starts a day later. */
    static final long TIMEOUT_MINUTES = 120;

    /**
     * A driver and executors of 4 vCPU and 14 GB of heap each (with Spark's 10 % overhead an EMR Serverless
     * worker of 4 vCPU and 16 GB), two executors from the start and at most 12: 52 vCPU with the driver,
     * inside the application's maximum capacity of 64.
     */
    static final String SPARK_SUBMIT_PARAMETERS = String.join(" ",
            "--class " + MAIN_CLASS,
            "--conf spark.driver.cores=4",
            "--conf spark.driver.memory=14g",
            "--conf spark.executor.cores=4",
            "--conf spark.executor.memory=14g",
            "--conf spark.executor.instances=2",
            "--conf spark.dynamicAllocation.maxExecutors=12");

    private static final Logger LOG = LoggerFactory.getLogger(SimilarityRunStarter.class);

    private final RecommendStore catalog;
    private final ModelStore models;
    private final EmrServerlessClient emr;
    private final Clock clock;
    private final String bucket;
    private final String application;
    private final String jobRole;
    private final String jar;

    public SimilarityRunStarter(RecommendStore catalog, ModelStore models, EmrServerlessClient emr, LecternConfig config, Clock clock) {
        this.catalog = catalog;
        this.models = models;
        this.emr = emr;
        this.clock = clock;
        this.bucket = config.require(ResourceId.ANALYTICS_BUCKET);
        this.application = config.require(ResourceId.EMR_APPLICATION);
        this.jobRole = config.require(ResourceId.EMR_JOB_ROLE);
        this.jar = config.require(ResourceId.SPARK_JOB_JAR);
        if (!jar.startsWith("s3://")) {
            throw new IllegalStateException(LecternConfig.SPARK_JOB_JAR + " must be the jar's s3:// URI, not " + jar);
        }
    }

    /** The run that was started. */
    public record Started(String version, String jobRunId, int courses) {
    }

    /**
     * Fails, with EMR Serverless's own error, when the run is refused; the courses written for it then
     * stay as a version nobody points at, which a later run's pruning removes.
     */
    public Started start() {
        String version = ModelStore.newVersion(clock.instant());
        List<CourseFacts> courses = catalog.publishedCourses();
        models.writeCourses(version, courses);
        StartJobRunResponse run = emr.startJobRun(b -> b
                .applicationId(application)
                .executionRoleArn(jobRole)
                .name("similarity-" + version)
                // the SDK's own retries of this call send the same token: one run per version, however often it is asked
                .clientToken(version)
                .executionTimeoutMinutes(TIMEOUT_MINUTES)
                .jobDriver(d -> d.sparkSubmit(s -> s
                        .entryPoint(jar)
                        .entryPointArguments("--bucket", bucket, "--version", version)
                        .sparkSubmitParameters(SPARK_SUBMIT_PARAMETERS))));
        LOG.info("similarity {}: job run {} started on {} for {} courses", version, run.jobRunId(), application, courses.size());
        return new Started(version, run.jobRunId(), courses.size());
    }
}
