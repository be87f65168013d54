package io.strata.api.sql;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Calcite's parser, configured per dialect. Its Babel grammar reads Calcite's SQL (Druid's dialect) plus the
 * PostgreSQL spellings BI tools send ({@code x::int8}, {@code ILIKE}, {@code ~}, {@code ARRAY(SELECT ...)}).
 */
public final class SqlParsing {

    private static final SqlParser.Config POSTGRES = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withIdentifierMaxLength(1024);

    private static final SqlParser.Config DRUID = POSTGRES.withUnquotedCasing(Casing.UNCHANGED);

    private SqlParsing() {}

    /** The parse tree of one statement's text; a syntax error names where, as PostgreSQL's would. */
    public static SqlNode parse(String text, Dialect dialect) {
        try {
            return SqlParser.create(text, dialect == Dialect.POSTGRES ? POSTGRES : DRUID)
                    .parseStmt();
        } catch (SqlParseException e) {
            throw syntaxError(text, e);
        }
    }

    private static SqlException syntaxError(String text, SqlParseException e) {
        SqlParserPos pos = e.getPos();
        int position = pos == null ? 0 : offset(text, pos.getLineNum(), pos.getColumnNum());
        String near = position > 0 ? nearText(text, position - 1) : "";
        String message = near.isEmpty() ? "syntax error at end of input" : "syntax error at or near \"" + near + "\"";
        String first = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
        String hint = first.startsWith("Encountered") || first.startsWith("Incorrect syntax")
                ? null
                : first.replaceAll(" at line \\d+, column \\d+", "");
        return new SqlException(SqlState.SYNTAX_ERROR, message, hint, position, null);
    }

    /** The 1-based character offset of a 1-based line and column. */
    static int offset(String text, int line, int column) {
        if (line <= 0 || column <= 0) {
            return 0;
        }
        int at = 0;
        for (int l = 1; l < line; l++) {
            int newline = text.indexOf('\n', at);
            if (newline < 0) {
                return 0;
            }
            at = newline + 1;
        }
        return Math.min(at + column, text.length() + 1);
    }

    /** The word (or symbol) at a 0-based offset, as PostgreSQL quotes it in "at or near". */
    private static String nearText(String text, int offset) {
        if (offset >= text.length()) {
            return "";
        }
        int end = offset;
        if (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_') {
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
        } else {
            end++;
        }
        return text.substring(offset, end);
    }
}
