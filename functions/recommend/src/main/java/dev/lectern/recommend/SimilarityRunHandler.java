package dev.lectern.recommend;

import dev.lectern.core.schedule.ScheduledHandler;
import dev.lectern.events.ScheduleEvent;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Daily, where the stage runs the similarity job on Spark: starts its run on EMR Serverless ({@link SimilarityRunStarter}). */
public class SimilarityRunHandler extends ScheduledHandler {

    @Inject
    SimilarityRunStarter starter;

    @Override
    protected Map<String, Object> run(ScheduleEvent event) {
        SimilarityRunStarter.Started started = starter.start();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("version", started.version());
        output.put("jobRunId", started.jobRunId());
        output.put("courses", started.courses());
        return output;
    }
}
