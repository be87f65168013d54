package io.strata.api.sql;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where a query comes from and how it runs.
 *
 * @param dialect how the statement is read and answered
 * @param transport {@code pgwire}, {@code http} or {@code avatica} (for the audit log)
 * @param sqlQueryId Druid's query id for it, {@code strata-<correlation id>-<n>}
 * @param timeout at most this long in Druid (the smaller of the client's wish and {@code strata.sql.timeout})
 * @param druidContext more Druid query context ({@code sqlTimeZone}, safe keys a client asked for)
 */
public record QueryContext(
        Dialect dialect, String transport, String sqlQueryId, Duration timeout, Map<String, Object> druidContext) {

    public QueryContext {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(sqlQueryId, "sqlQueryId");
        druidContext = Map.copyOf(druidContext);
    }
}
