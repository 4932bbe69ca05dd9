package dev.lectern.core.routes;

import java.util.List;

/**
 * A function run on a schedule (EventBridge Scheduler in AWS, the local scheduler on a laptop).
 *
 * @param expression {@code rate(1 hour)} or {@code cron(15 0 * * ? *)} in EventBridge's syntax, UTC
 */
public record Scheduled(String id, String expression, String module, Class<?> handlerClass, int memoryMb,
                        int timeoutSeconds, List<Access> access, String description) implements FunctionSpec {

    public Scheduled {
        access = List.copyOf(access);
    }
}
