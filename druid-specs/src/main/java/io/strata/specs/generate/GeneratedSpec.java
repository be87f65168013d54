package io.strata.specs.generate;

import io.strata.specs.model.IndexParallelTask;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A generated batch task and the decisions behind it, in the order they were made.
 *
 * @param task ready to submit to Druid's Overlord
 */
public record GeneratedSpec(IndexParallelTask task, List<Decision> decisions) {

    public GeneratedSpec {
        Objects.requireNonNull(task, "task");
        decisions = List.copyOf(decisions);
    }

    /** The first decision on {@code topic}, if any. */
    public Optional<Decision> decision(String topic) {
        return decisions.stream().filter(d -> d.topic().equals(topic)).findFirst();
    }

    /** The decisions as lines of text, one per decision. */
    public String explain() {
        StringBuilder text = new StringBuilder();
        for (Decision d : decisions) {
            text.append(d.topic()).append(": ").append(d.choice()).append(System.lineSeparator());
            text.append("    ").append(d.reason()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
