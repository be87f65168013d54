package io.strata.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading SQL text with PostgreSQL's lexical rules before Calcite parses it. */
class SqlScannerTest {

    static List<SqlScanner.Statement> pg(String sql) {
        return SqlScanner.statements(sql, Dialect.POSTGRES);
    }

    @Test
    void splitsOnSemicolonsOutsideStringsIdentifiersAndComments() {
        List<SqlScanner.Statement> statements =
                pg("SELECT ';' AS \"a;b\" /* ; /* nested ; */ ; */ FROM t -- ;\n; SET x = 1;;");
        assertThat(statements).hasSize(3); // SELECT, SET, and the empty one between ;; (not after the last ;)
        assertThat(statements.get(0).first()).isEqualTo("select");
        assertThat(statements.get(0).text()).startsWith("SELECT ';' AS \"a;b\"").doesNotContain("nested");
        assertThat(statements.get(1).first()).isEqualTo("set");
        assertThat(statements.get(2).isEmpty()).isTrue();
    }

    @Test
    void commentsBecomeBlanksOfTheSameLengthSoPositionsStay() {
        String sql = "SELECT /* x */ 1 -- y\n, 2";
        assertThat(pg(sql).get(0).text()).hasSize(sql.length()).isEqualTo("SELECT         1     \n, 2");
    }

    @Test
    void dollarParametersBecomeQuestionMarksWithTheirNumbers() {
        SqlScanner.Statement statement =
                pg("SELECT * FROM t WHERE a = $2 AND b = $1 AND c = $2").get(0);
        assertThat(statement.text()).isEqualTo("SELECT * FROM t WHERE a = ?  AND b = ?  AND c = ? ");
        assertThat(statement.parameters()).containsExactly(1, 0, 1);
        assertThat(statement.parameterCount()).isEqualTo(2);
        SqlScanner.Statement druid = SqlScanner.single("SELECT ? + ?", Dialect.DRUID);
        assertThat(druid.parameters()).containsExactly(0, 1);
        assertThatThrownBy(() -> pg("SELECT ?")).hasMessageContaining("write parameters as $1");
    }

    @Test
    void escapedAndDollarQuotedStringsBecomeStandardStrings() {
        assertThat(pg("SELECT E'it''s\\n\\x41\\u00e9', $$a'b$$, $tag$x$tag$")
                        .get(0)
                        .text())
                .isEqualTo("SELECT 'it''s\nAé', 'a''b', 'x'");
        assertThatThrownBy(() -> pg("SELECT 'open")).hasMessageContaining("unterminated quoted string");
        assertThatThrownBy(() -> pg("SELECT /* open")).hasMessageContaining("unterminated /* comment");
    }

    @Test
    void rewritesTheCatalogSpellingsDriversUse() {
        assertThat(pg("SELECT 1 WHERE c.relname OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default")
                        .get(0)
                        .text()
                        .replaceAll(" +", " "))
                .isEqualTo("SELECT 1 WHERE c.relname ~ '^(x)$' ");
        assertThat(pg("SELECT pg_catalog.format_type(1, 2), x::pg_catalog.int2[] FROM pg_catalog.pg_class")
                        .get(0)
                        .text()
                        .replaceAll(" +", " "))
                .isEqualTo("SELECT format_type(1, 2), x:: _int2 FROM pg_class");
        assertThat(pg("SELECT (SELECT 1) AS DEFAULT, unnest(a) FROM unnest(b) x")
                        .get(0)
                        .text())
                .isEqualTo("SELECT (SELECT 1) AS \"default\", \"unnest\"(a) FROM unnest(b) x");
        // Druid's dialect keeps its text as written
        assertThat(SqlScanner.single("SELECT pg_catalog.x FROM t", Dialect.DRUID)
                        .text())
                .isEqualTo("SELECT pg_catalog.x FROM t");
    }

    @Test
    void aPreparedStatementTakesOneStatement() {
        assertThatThrownBy(() -> SqlScanner.single("SELECT 1; SELECT 2", Dialect.DRUID))
                .isInstanceOfSatisfying(
                        SqlException.class, e -> assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR))
                .hasMessageContaining("multiple commands");
        assertThat(SqlScanner.single("SELECT 1;", Dialect.DRUID).first()).isEqualTo("select");
    }

    @Test
    void classifiesStatements() {
        assertThat(StatementKind.of(pg("  (SELECT 1)").get(0))).isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of(pg("with x as (select 1) select * from x").get(0)))
                .isEqualTo(StatementKind.QUERY);
        assertThat(StatementKind.of(pg("SHOW search_path").get(0))).isEqualTo(StatementKind.SESSION);
        assertThat(StatementKind.of(pg("INSERT INTO t VALUES (1)").get(0))).isEqualTo(StatementKind.WRITE);
        assertThat(StatementKind.refusal(pg("delete from t").get(0)))
                .hasMessage("cannot execute DELETE in a read-only transaction");
        assertThat(StatementKind.refusal(pg("frobnicate").get(0))).hasMessage("syntax error at or near \"frobnicate\"");
        assertThat(StatementKind.of(pg("/* only a comment */").get(0))).isEqualTo(StatementKind.EMPTY);
    }
}
