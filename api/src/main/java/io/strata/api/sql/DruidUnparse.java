package io.strata.api.sql;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * How a checked parse tree is written back as Druid SQL: identifiers always double-quoted (so a name is only ever a
 * name), strings without charset prefixes, {@code LIMIT n OFFSET m}. Druid parses with Calcite too, so it reads
 * exactly the tree Strata checked.
 */
final class DruidUnparse extends SqlDialect {

    static final DruidUnparse DIALECT = new DruidUnparse();

    private DruidUnparse() {
        super(SqlDialect.EMPTY_CONTEXT
                .withDatabaseProduct(SqlDialect.DatabaseProduct.CALCITE)
                .withIdentifierQuoteString("\"")
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(true)
                .withNullCollation(NullCollation.HIGH));
    }

    @Override
    public boolean supportsCharSet() {
        return false;
    }

    @Override
    public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }
}
