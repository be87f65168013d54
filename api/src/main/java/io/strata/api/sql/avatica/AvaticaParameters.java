package io.strata.api.sql.avatica;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.calcite.avatica.remote.TypedValue;

/** Avatica's typed parameter values as the engine takes them. */
final class AvaticaParameters {

    private AvaticaParameters() {}

    static Object value(TypedValue typed) {
        if (typed == null || typed.value == null) {
            return null;
        }
        Object local = typed.toLocal();
        return switch (typed.type) {
            case PRIMITIVE_BYTE, BYTE, PRIMITIVE_SHORT, SHORT, PRIMITIVE_INT, INTEGER, PRIMITIVE_LONG, LONG -> ((Number)
                            local)
                    .longValue();
            case PRIMITIVE_FLOAT, FLOAT, PRIMITIVE_DOUBLE, DOUBLE -> ((Number) local).doubleValue();
            case NUMBER -> local instanceof BigDecimal d ? d : new BigDecimal(local.toString());
            case PRIMITIVE_BOOLEAN, BOOLEAN -> local;
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> Instant.ofEpochMilli(((Number) local).longValue());
            case JAVA_SQL_DATE -> LocalDate.ofEpochDay(((Number) local).longValue());
            default -> local.toString();
        };
    }
}
