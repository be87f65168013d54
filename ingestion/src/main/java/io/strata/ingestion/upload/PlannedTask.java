package io.strata.ingestion.upload;

import java.util.List;

/**
 * The Druid task an upload becomes.
 *
 * @param taskJson the exact task JSON to submit (carrying Strata's Druid task id)
 * @param rollup whether the spec rolls rows up
 * @param countColumn with rollup, the count metric's name; else null
 * @param decisions the generator's decisions with their reasons
 */
public record PlannedTask(String taskJson, boolean rollup, String countColumn, List<Object> decisions) {

    public PlannedTask {
        decisions = List.copyOf(decisions);
    }
}
