package io.strata.api.sql;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

/**
 * PostgreSQL's names for unnamed result columns ({@code count(*)} is {@code count}, {@code x::int8} is {@code x},
 * anything else {@code ?column?}), given as aliases to the outermost select list so that psql and drivers show what
 * PostgreSQL would instead of Druid's {@code EXPR$0}. A name two columns would share is left to Druid.
 */
final class SelectLabels {

    private SelectLabels() {}

    static void apply(SqlNode query) {
        SqlSelect select = outermost(query);
        if (select == null) {
            return;
        }
        SqlNodeList items = select.getSelectList();
        Set<String> taken = new HashSet<>();
        for (SqlNode item : items) {
            String name = explicitName(item);
            if (name != null) {
                taken.add(name);
            }
        }
        Set<String> given = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (explicitName(item) != null || isStar(item)) {
                continue;
            }
            String label = label(item);
            if (label == null || taken.contains(label) || !given.add(label)) {
                continue;
            }
            items.set(i, FromItems.as(item, label));
        }
    }

    private static SqlSelect outermost(SqlNode query) {
        SqlNode node = query;
        while (true) {
            if (node instanceof SqlSelect select) {
                return select;
            }
            if (node instanceof SqlOrderBy order) {
                node = order.query;
            } else if (node instanceof SqlWith with) {
                node = with.body;
            } else {
                return null; // set operations take their first branch's names; left to Druid
            }
        }
    }

    /** The name a select item has without a label of ours: its alias, or the column it is. */
    private static String explicitName(SqlNode item) {
        if (item.getKind() == SqlKind.AS) {
            SqlNode alias = ((SqlCall) item).operand(1);
            return alias instanceof SqlIdentifier id ? id.getSimple() : null;
        }
        if (item instanceof SqlIdentifier id && !id.isStar()) {
            return id.names.get(id.names.size() - 1);
        }
        return null;
    }

    private static boolean isStar(SqlNode item) {
        return item instanceof SqlIdentifier id && id.isStar();
    }

    private static String label(SqlNode item) {
        if (item instanceof SqlIdentifier id) {
            return id.names.get(id.names.size() - 1);
        }
        if (item.getKind() == SqlKind.CAST && item instanceof SqlBasicCall cast) {
            String inner = label(cast.operand(0));
            return inner != null ? inner : null;
        }
        if (item instanceof SqlBasicCall call && PgSpellings.isFunction(call)) {
            return call.getOperator().getName().toLowerCase(Locale.ROOT);
        }
        if (item instanceof SqlBasicCall call && call.getKind() == SqlKind.OVER) {
            return label(call.operand(0));
        }
        return "?column?";
    }
}
