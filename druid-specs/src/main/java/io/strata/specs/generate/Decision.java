package io.strata.specs.generate;

import java.util.Objects;

/**
 * One choice the generator made, for people: what was decided, the value chosen and why.
 *
 * @param topic e.g. {@code rollup}, {@code segmentGranularity}
 * @param choice the value chosen, as it appears in the spec where possible
 * @param reason why, naming the numbers it was based on and whether an option forced it
 */
public record Decision(String topic, String choice, String reason) {

    public Decision {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return topic + ": " + choice + " - " + reason;
    }
}
