package dev.lectern.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The functions' logging, in code rather than a {@code logback.xml}: Logback finds it through
 * {@code META-INF/services} before it looks for a file, and no XML parser runs at a cold start.
 * One appender writes {@link LambdaJsonEncoder}'s lines to stdout, where Lambda takes them to
 * CloudWatch Logs. Our own loggers ({@code dev.lectern}) log at {@code -Dlectern.log.level}, else
 * {@code LOG_LEVEL}, else INFO, until Powertools applies {@code POWERTOOLS_LOG_LEVEL}
 * ({@link LogbackLoggingManager}); the libraries at WARN.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    /** The appender's name, which tests look up to measure or check the lines. */
    public static final String APPENDER = "JsonAppender";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        Logger ours = context.getLogger(LogbackLoggingManager.OURS);
        ours.setLevel(Level.toLevel(ourLevel(), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String ourLevel() {
        String level = System.getProperty("lectern.log.level");
        return level != null ? level : System.getenv("LOG_LEVEL");
    }
}
