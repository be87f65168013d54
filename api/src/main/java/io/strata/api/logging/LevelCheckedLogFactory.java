package io.strata.api.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
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

    /** One logger, writing through SLF4J at the level asked for once it is enabled. */
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
            write(Level.TRACE, message, null);
        }

        @Override
        public void trace(Object message, Throwable t) {
            write(Level.TRACE, message, t);
        }

        @Override
        public void debug(Object message) {
            write(Level.DEBUG, message, null);
        }

        @Override
        public void debug(Object message, Throwable t) {
            write(Level.DEBUG, message, t);
        }

        @Override
        public void info(Object message) {
            write(Level.INFO, message, null);
        }

        @Override
        public void info(Object message, Throwable t) {
            write(Level.INFO, message, t);
        }

        @Override
        public void warn(Object message) {
            write(Level.WARN, message, null);
        }

        @Override
        public void warn(Object message, Throwable t) {
            write(Level.WARN, message, t);
        }

        @Override
        public void error(Object message) {
            write(Level.ERROR, message, null);
        }

        @Override
        public void error(Object message, Throwable t) {
            write(Level.ERROR, message, t);
        }

        @Override
        public void fatal(Object message) {
            write(Level.ERROR, message, null);
        }

        @Override
        public void fatal(Object message, Throwable t) {
            write(Level.ERROR, message, t);
        }

        /** The level first; only a message that will be written is made into text. */
        private void write(Level level, Object message, Throwable t) {
            if (!logger.isEnabledForLevel(level)) {
                return;
            }
            String text = String.valueOf(message);
            if (located != null) {
                located.log(null, FQCN, level.toInt(), text, null, t);
            } else {
                logger.atLevel(level).setCause(t).log(text);
            }
        }
    }
}
