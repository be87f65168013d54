package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the protocol does while a query runs, driven at the message level: rows stop flowing when the client stops
 * reading (backpressure, so the query is still running), a CancelRequest then ends it with 57014, and a client with
 * as many queries running as it may run (strata.sql.max-concurrent-queries, 3 here) is refused another with 53400
 * until one ends.
 */
class PgWireProtocolIT extends SqlEndpointContext {

    /** About 40 KB a row: far more than the socket buffers hold, so the server waits for the client to read. */
    static final String BIG = "SELECT tenant, REPEAT(country, 20000) AS pad FROM sql_sales";

    String token() {
        return TestTokens.token(port, "acme-viewer");
    }

    @Test
    void aCancelRequestEndsTheRunningQueryWith57014AndTheSessionGoesOn() {
        long acme = fixture().totals("acme").count();
        try (PgSocket session = new PgSocket(PG_PORT, token())) {
            session.query(BIG);
            assertThat(session.read().type()).isEqualTo('T');
            assertThat(session.read().type()).isEqualTo('D');
            // The client reads no more: the server has stopped sending; the query is still running.
            session.cancel();
            long rows = 1;
            PgSocket.Message error = null;
            for (PgSocket.Message m = session.read(); m.type() != 'Z'; m = session.read()) {
                if (m.type() == 'D') {
                    rows++;
                } else if (m.type() == 'E') {
                    error = m;
                }
            }
            assertThat(error).as("an ErrorResponse before ReadyForQuery").isNotNull();
            assertThat(error.field('C')).isEqualTo("57014");
            assertThat(error.field('M')).isEqualTo("canceling statement due to user request");
            assertThat(rows).isLessThan(acme);
            session.query("SELECT count(*) FROM sql_sales");
            List<String> values = new ArrayList<>();
            for (PgSocket.Message m = session.read(); m.type() != 'Z'; m = session.read()) {
                if (m.type() == 'D') {
                    int length = (m.body()[2] & 0xff) << 24
                            | (m.body()[3] & 0xff) << 16
                            | (m.body()[4] & 0xff) << 8
                            | (m.body()[5] & 0xff);
                    values.add(new String(m.body(), 6, length, java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
            assertThat(values).containsExactly(Long.toString(acme));
        }
    }

    @Test
    void aClientRunningAsManyQueriesAsItMayIsRefusedAnotherUntilOneEnds() throws SQLException {
        fixture();
        List<PgSocket> running = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                PgSocket session = new PgSocket(PG_PORT, token());
                session.query(BIG);
                assertThat(session.read().type()).isEqualTo('T'); // the query runs: its header arrived
                running.add(session);
            }
            try (Connection connection = jdbc();
                    Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM sql_sales"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("53400");
                            assertThat(e.getMessage()).contains("too many queries at once");
                        });
                running.remove(0).close();
                Awaitility.await("a slot to be free again")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> {
                            try (ResultSet r = statement.executeQuery("SELECT count(*) FROM sql_sales")) {
                                return r.next()
                                        && r.getLong(1)
                                                == fixture().totals("acme").count();
                            }
                        });
            }
        } finally {
            running.forEach(PgSocket::close);
        }
    }

    @Test
    void aStatementTimeoutEndsTheQueryWith57014() throws SQLException {
        fixture();
        try (Connection connection = jdbc();
                Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = 1");
            assertThatThrownBy(() -> statement.executeQuery(
                            "SELECT a.tenant, COUNT(*) FROM sql_sales a JOIN sql_sales b ON a.country = b.country "
                                    + "GROUP BY 1"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            statement.execute("RESET statement_timeout");
            try (ResultSet r = statement.executeQuery("SELECT count(*) FROM sql_sales")) {
                assertThat(r.next()).isTrue();
            }
        }
    }

    Connection jdbc() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", token());
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/strata", properties);
    }
}
