package dev.lectern.recommend;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Daily: a new version of the recommendation model from the behaviour of the last months ({@link SimilarityJob}). */
public class SimilarityJobHandler extends ScheduledHandler {

    @Inject
    SimilarityJob job;

    @Override
    protected Map<String, Object> run(ScheduleEvent event) {
        SimilarityJob.Summary summary = job.run();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("version", summary.version());
        output.put("courses", summary.courses());
        output.put("coldCourses", summary.coldCourses());
        output.put("learners", summary.learners());
        output.put("pairsRead", summary.pairsRead());
        output.put("interactions", summary.interactions());
        output.put("parquetFiles", summary.parquetFiles());
        output.put("factorRank", summary.factorRank());
        output.put("millis", summary.millis());
        return output;
    }
}
