package io.strata.schema.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, to print beside every figure measured on a shared machine. */
final class LoadAverage {
    private LoadAverage() {}

    /** "1-min 5-min 15-min" from /proc/loadavg, or "unknown". */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
