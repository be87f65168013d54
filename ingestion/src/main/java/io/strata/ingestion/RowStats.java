package io.strata.ingestion;

/**
 * Druid's row counts for a task, as its report gives them; null while unknown.
 *
 * @param processed rows ingested
 * @param processedWithErrors rows ingested with some field unparseable
 * @param thrownAway rows filtered out (e.g. outside the intervals)
 * @param unparseable rows Druid could not parse
 */
public record RowStats(Long processed, Long processedWithErrors, Long thrownAway, Long unparseable) {

    public static final RowStats UNKNOWN = new RowStats(null, null, null, null);
}
