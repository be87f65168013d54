package io.strata.stack;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory one JVM service of the local stack may use: its heap ({@code -Xmx}, also {@code -Xms}) and, where it
 * allocates off-heap buffers, its direct memory ({@code -XX:MaxDirectMemorySize}).
 *
 * @param heap a JVM size such as {@code 512m} or {@code 2g}
 * @param directMemory a JVM size, or null for the JVM's default (as much as the heap)
 */
public record ServiceMemory(String heap, String directMemory) {

    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]*)([kmg])");

    public ServiceMemory {
        heap = normalized(heap, "heap");
        directMemory = directMemory == null ? null : normalized(directMemory, "direct memory");
    }

    public long heapBytes() {
        return bytes(heap);
    }

    /** Direct memory in bytes; the heap's size when none is set (the JVM's default). */
    public long directMemoryBytes() {
        return directMemory != null ? bytes(directMemory) : heapBytes();
    }

    private static String normalized(String size, String what) {
        String value = size.trim().toLowerCase(Locale.ROOT);
        if (!SIZE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a JVM size such as 512m or 2g: " + size);
        }
        return value;
    }

    static long bytes(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JVM size: " + size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            default -> n << 30;
        };
    }
}
