package io.strata.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LevelCheckedLogFactoryTest {

    static final String NAME = "io.strata.test.LevelChecked";

    final ch.qos.logback.classic.Logger backend = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(NAME);
    final ListAppender<ILoggingEvent> written = new ListAppender<>();
    final AtomicInteger formatted = new AtomicInteger();
    /** A message that counts how often it is made into text, as Spring's lazily formatted messages are. */
    final Object message = new Object() {
        @Override
        public String toString() {
            formatted.incrementAndGet();
            return "a message";
        }
    };

    @BeforeEach
    void capture() {
        written.start();
        backend.addAppender(written);
        backend.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        backend.detachAppender(written);
        backend.setLevel(null);
    }

    @Test
    void springsLogsGoThroughTheLevelCheckingFactory() {
        assertThat(LogFactory.getLog(NAME)).isInstanceOf(LevelCheckedLogFactory.LevelCheckedLog.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeverMadeIntoText() {
        Log log = LogFactory.getLog(NAME);

        log.debug(message);
        log.trace(message, new IllegalStateException("unused"));

        assertThat(formatted).hasValue(0);
        assertThat(written.list).isEmpty();
    }

    @Test
    void aMessageAtOrAboveTheLevelIsWrittenOnceWithItsCause() {
        Log log = LogFactory.getLog(NAME);
        IllegalStateException cause = new IllegalStateException("why");

        log.info(message);
        log.error(message, cause);

        assertThat(formatted).hasValue(2);
        assertThat(written.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.ERROR);
        assertThat(written.list.get(1).getThrowableProxy().getMessage()).isEqualTo("why");
        assertThat(written.list.get(0).getFormattedMessage()).isEqualTo("a message");
    }
}
