package org.rostersync.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What a logger (and the loggers under it) writes while it is open: for tests of what the log says, and does not. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** The lines of one class's logger. */
    public static CapturedLog of(Class<?> source) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(source));
    }

    /** Every line, whatever logger writes it. */
    public static CapturedLog everything() {
        return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** The lines so far (also after closing). */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
