package dev.lectern.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools changes log levels (its {@code POWERTOOLS_LOG_LEVEL}, which the stack sets for
 * every function, and its debug sampling) on Logback: the service Powertools' logging looks up,
 * which its Logback module would provide. It changes our own loggers ({@code dev.lectern}) only:
 * the libraries stay at WARN, as {@link LogbackConfigurator} set them, whatever level we log at.
 */
public final class LogbackLoggingManager implements LoggingManager {

    static final String OURS = "dev.lectern";

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(OURS).setLevel(Level.convertAnSLF4JLevel(level));
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
