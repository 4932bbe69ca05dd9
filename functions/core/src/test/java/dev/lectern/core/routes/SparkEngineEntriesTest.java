package dev.lectern.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.core.resources.ResourceId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog's rules for a job with a second engine: what its resources may be granted, and which schedule it takes over. */
class SparkEngineEntriesTest {

    private static Scheduled schedule(String id, String expression, List<Access> access, Optional<String> replaces) {
        return new Scheduled(id, expression, "probe", Object.class, 512, 60, access, "probe", replaces);
    }

    @Test
    void anApplicationIsRunAndARoleOrAJarIsPassedAndNothingElse() {
        assertThatCode(() -> List.of(Access.run(ResourceId.EMR_APPLICATION), Access.pass(ResourceId.EMR_JOB_ROLE),
                Access.pass(ResourceId.SPARK_JOB_JAR))).doesNotThrowAnyException();

        assertThatThrownBy(() -> Access.read(ResourceId.EMR_APPLICATION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Access.pass(ResourceId.EMR_APPLICATION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Access.run(ResourceId.EMR_JOB_ROLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Access.readWrite(ResourceId.SPARK_JOB_JAR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Access.pass(ResourceId.ANALYTICS_BUCKET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PASS of ANALYTICS_BUCKET");
    }

    @Test
    void aFunctionGrantedAnEmrResourceNeedsTheSparkEngine() {
        Scheduled starter = schedule("starter", "cron(30 1 * * ? *)", List.of(Access.write(ResourceId.ANALYTICS_BUCKET, "recommend/"),
                Access.run(ResourceId.EMR_APPLICATION)), Optional.empty());
        Scheduled job = schedule("job", "cron(30 1 * * ? *)", List.of(Access.readWrite(ResourceId.ANALYTICS_BUCKET, "recommend/")),
                Optional.empty());

        assertThat(starter.needsSparkEngine()).isTrue();
        assertThat(job.needsSparkEngine()).isFalse();
        assertThat(List.of(ResourceId.values())).filteredOn(ResourceId::sparkEngine)
                .containsExactlyInAnyOrder(ResourceId.EMR_APPLICATION, ResourceId.EMR_JOB_ROLE, ResourceId.SPARK_JOB_JAR);
    }

    @Test
    void aScheduleReplacesOnlyAnotherOfItsContextOnTheSameExpression() {
        Scheduled job = schedule("job", "cron(30 1 * * ? *)", List.of(), Optional.empty());

        assertThatCode(() -> Scheduled.checkReplacements(List.of(job,
                schedule("job-spark", "cron(30 1 * * ? *)", List.of(), Optional.of("job"))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Scheduled.checkReplacements(List.of(job,
                schedule("job-spark", "cron(0 2 * * ? *)", List.of(), Optional.of("job")))))
                .hasMessageContaining("same expression");
        assertThatThrownBy(() -> Scheduled.checkReplacements(List.of(job,
                schedule("job-spark", "cron(30 1 * * ? *)", List.of(), Optional.of("nothing")))))
                .hasMessageContaining("nothing, which is no schedule of probe");
        assertThatThrownBy(() -> Scheduled.checkReplacements(List.of(
                schedule("loop", "cron(30 1 * * ? *)", List.of(), Optional.of("loop")))))
                .hasMessageContaining("may replace nothing");
    }
}
