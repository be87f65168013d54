package io.strata.api.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.sql.Dialect;
import io.strata.api.sql.SqlException;
import io.strata.api.sql.SqlScanner;
import io.strata.api.sql.SqlState;
import org.junit.jupiter.api.Test;

/** Session commands answered as a read-only PostgreSQL answers them. */
class PgCommandsTest {

    final PgSession session = new PgSession(1, 2, "c");

    PgCommands.Outcome run(String sql) {
        return PgCommands.run(SqlScanner.single(sql, Dialect.POSTGRES), session);
    }

    @Test
    void setAndShowTheSpellingsDriversSend() {
        assertThat(run("SET extra_float_digits = 3").tag()).isEqualTo("SET");
        assertThat(run("SET application_name = 'PostgreSQL JDBC Driver'").reported())
                .containsEntry("application_name", "PostgreSQL JDBC Driver");
        assertThat(run("SET TIME ZONE 'Europe/Paris'").reported()).containsEntry("TimeZone", "Europe/Paris");
        assertThat(run("SHOW timezone").rows().get(0)).containsExactly("Europe/Paris");
        assertThat(run("SHOW TIME ZONE").columns().get(0).name()).isEqualTo("timezone");
        assertThat(run("SET search_path TO \"$user\", public").tag()).isEqualTo("SET");
        assertThat(run("SHOW search_path").rows().get(0)).containsExactly("$user, public");
        assertThat(run("SHOW transaction isolation level").rows().get(0)).containsExactly("read committed");
        assertThat(run("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED")
                        .tag())
                .isEqualTo("SET");
        assertThat(run("RESET TimeZone").tag()).isEqualTo("RESET");
        assertThat(run("SHOW timezone").rows().get(0)).containsExactly("UTC");
        assertThat(run("SHOW ALL").rows()).hasSizeGreaterThan(20);
    }

    @Test
    void refusesWhatAReadOnlyServerCannotDo() {
        assertThatThrownBy(() -> run("SET default_transaction_read_only = off"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.READ_ONLY_SQL_TRANSACTION));
        assertThatThrownBy(() -> run("BEGIN READ WRITE"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.READ_ONLY_SQL_TRANSACTION));
        assertThatThrownBy(() -> run("SET TIME ZONE 'Mars/Olympus'"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE));
        assertThatThrownBy(() -> run("SET client_encoding = 'LATIN1'"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED));
        assertThatThrownBy(() -> run("SHOW no_such_setting"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT));
    }

    @Test
    void transactionsKeepTheirStatus() {
        assertThat(run("COMMIT").notices()).containsExactly("there is no transaction in progress");
        assertThat(run("BEGIN").tag()).isEqualTo("BEGIN");
        assertThat(session.status).isEqualTo('T');
        assertThat(run("BEGIN").notices()).containsExactly("there is already a transaction in progress");
        assertThat(run("SAVEPOINT a").tag()).isEqualTo("SAVEPOINT");
        session.status = 'E';
        assertThat(run("ROLLBACK TO SAVEPOINT a").tag()).isEqualTo("ROLLBACK");
        assertThat(session.status).isEqualTo('T');
        session.status = 'E';
        assertThat(run("COMMIT").tag()).isEqualTo("ROLLBACK");
        assertThat(session.status).isEqualTo('I');
        assertThatThrownBy(() -> run("SAVEPOINT b"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.NO_ACTIVE_SQL_TRANSACTION));
    }

    @Test
    void discardAndDeallocateForgetPreparedStatements() {
        for (String name : java.util.List.of("s1", "s2")) {
            SqlScanner.Statement statement = SqlScanner.single("SELECT 1", Dialect.POSTGRES);
            session.statements.put(
                    name,
                    new PgSession.Prepared(
                            name, statement, io.strata.api.sql.StatementKind.QUERY, java.util.List.of()));
        }
        assertThat(run("DEALLOCATE s1").tag()).isEqualTo("DEALLOCATE");
        assertThat(session.statements).containsOnlyKeys("s2");
        assertThatThrownBy(() -> run("DEALLOCATE PREPARE nope"))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_SQL_STATEMENT_NAME));
        run("SET TIME ZONE 'Asia/Tokyo'");
        assertThat(run("DISCARD ALL").tag()).isEqualTo("DISCARD ALL");
        assertThat(session.statements).isEmpty();
        assertThat(session.settings.timeZone()).isEqualTo("UTC");
    }
}
