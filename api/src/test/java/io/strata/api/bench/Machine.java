package io.strata.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks report of the machine they ran on. */
final class Machine {

    private Machine() {}

    /** The load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} gives them; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
