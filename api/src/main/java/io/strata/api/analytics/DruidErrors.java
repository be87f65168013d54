package io.strata.api.analytics;

import io.strata.ingestion.StrataException;

/** What a client is told when Druid refuses a query Strata built: which dataset, and what to do; never the SQL. */
final class DruidErrors {

    private DruidErrors() {}

    /**
     * The error for a query Druid refused with {@code druidMessage}: the dataset is unavailable when Druid no longer
     * has its datasource, else Druid cannot run this query over it.
     */
    static StrataException refused(String dataset, String sqlQueryId, String druidMessage) {
        if (dataset == null) {
            return new StrataException.InvalidInput("Druid cannot run this query (query " + sqlQueryId + ")");
        }
        if (druidMessage != null && druidMessage.contains("'" + dataset + "' not found")) {
            return new StrataException.UpstreamUnavailable(unavailable(dataset) + " (query " + sqlQueryId + ")", null);
        }
        return new StrataException.InvalidInput(
                "Druid cannot run this query over dataset '" + dataset + "' (query " + sqlQueryId + ")");
    }

    /** Why a dataset Strata knows has no data in Druid, and what to do about it. */
    static String unavailable(String dataset) {
        return "dataset '" + dataset + "' is unavailable: Druid has no datasource '" + dataset + "' (its segments "
                + "were dropped by a retention rule, a kill task or an operator, or are not loaded yet); upload its "
                + "file again to restore it";
    }
}
