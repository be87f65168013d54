package io.strata.api.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Commons Logging (what Spring logs through) onto SLF4J, checking the level before a message is made into text.
 * Commons Logging's own SLF4J bridge turns every message into a string first, whatever the level, and Spring writes
 * many debug messages as lazily formatted {@code LogMessage}s it expects to stay unformatted: Spring Security's
 * request matchers format one per matcher tried, on every request, with debug off. Chosen through
 * {@code META-INF/services/org.apache.commons.logging.LogFactory}.
 */
public final class LevelCheckedLogFactory extends LogFactory {

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(Class<?> type) {
        return getInstance(type.getName());
    }

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, n -> new LevelCheckedLog(LoggerFactory.getLogger(n)));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String[] getAttributeNames() {
        return attributes.keySet().toArray(String[]::new);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void release() {
        logs.clear();
    }

    /** One logger: the level is checked first, and only a message that will be written is made into text. */
    static final class LevelCheckedLog implements Log {

        private static final String FQCN = LevelCheckedLog.class.getName();

        private final Logger logger;
        private final LocationAwareLogger located;

        LevelCheckedLog(Logger logger) {
            this.logger = logger;
            this.located = logger instanceof LocationAwareLogger aware ? aware : null;
        }

        @Override
        public boolean isTraceEnabled() {
            return logger.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return logger.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public boolean isFatalEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public void trace(Object message) {
            trace(message, null);
        }

        @Override
        public void trace(Object message, Throwable t) {
            if (logger.isTraceEnabled()) {
                write(LocationAwareLogger.TRACE_INT, message, t);
            }
        }

        @Override
        public void debug(Object message) {
            debug(message, null);
        }

        @Override
        public void debug(Object message, Throwable t) {
            if (logger.isDebugEnabled()) {
                write(LocationAwareLogger.DEBUG_INT, message, t);
            }
        }

        @Override
        public void info(Object message) {
            info(message, null);
        }

        @Override
        public void info(Object message, Throwable t) {
            if (logger.isInfoEnabled()) {
                write(LocationAwareLogger.INFO_INT, message, t);
            }
        }

        @Override
        public void warn(Object message) {
            warn(message, null);
        }

        @Override
        public void warn(Object message, Throwable t) {
            if (logger.isWarnEnabled()) {
                write(LocationAwareLogger.WARN_INT, message, t);
            }
        }

        @Override
        public void error(Object message) {
            error(message, null);
        }

        @Override
        public void error(Object message, Throwable t) {
            if (logger.isErrorEnabled()) {
                write(LocationAwareLogger.ERROR_INT, message, t);
            }
        }

        @Override
        public void fatal(Object message) {
            error(message, null);
        }

        @Override
        public void fatal(Object message, Throwable t) {
            error(message, t);
        }

        private void write(int level, Object message, Throwable t) {
            String text = String.valueOf(message);
            if (located != null) {
                located.log(null, FQCN, level, text, null, t);
                return;
            }
            switch (level) {
                case LocationAwareLogger.TRACE_INT -> logger.trace(text, t);
                case LocationAwareLogger.DEBUG_INT -> logger.debug(text, t);
                case LocationAwareLogger.INFO_INT -> logger.info(text, t);
                case LocationAwareLogger.WARN_INT -> logger.warn(text, t);
                default -> logger.error(text, t);
            }
        }
    }
}
