package dev.lectern.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools changes log levels (its {@code POWERTOOLS_LOG_LEVEL} and debug sampling) on
 * Logback: the service Powertools' logging looks up, which its Logback module would provide.
 */
public final class LogbackLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level logback = Level.convertAnSLF4JLevel(level);
        context.getLoggerList().forEach(logger -> {
            if (logger.getLevel() != null) {
                logger.setLevel(logback);
            }
        });
    }

    @Override
    public org.slf4j.event.Level getLogLevel(Logger logger) {
        return switch (((ch.qos.logback.classic.Logger) logger).getEffectiveLevel().toInt()) {
            case Level.OFF_INT, Level.ERROR_INT -> org.slf4j.event.Level.ERROR;
            case Level.WARN_INT -> org.slf4j.event.Level.WARN;
            case Level.INFO_INT -> org.slf4j.event.Level.INFO;
            case Level.DEBUG_INT -> org.slf4j.event.Level.DEBUG;
            default -> org.slf4j.event.Level.TRACE;
        };
    }
}
