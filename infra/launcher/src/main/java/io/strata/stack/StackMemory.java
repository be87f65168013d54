package io.strata.stack;

import java.util.function.Function;

/**
 * How much memory each service of the local stack gets, and how the Druid indexer shares its heap between
 * ingestion tasks. The defaults and why they are what they are: infra/README.md, "Memory".
 *
 * @param indexerCapacity ingestion tasks the Druid indexer runs at once ({@code druid.worker.capacity})
 */
public record StackMemory(
        ServiceMemory zookeeper,
        ServiceMemory coordinator,
        ServiceMemory broker,
        ServiceMemory historical,
        ServiceMemory indexer,
        ServiceMemory kafka,
        ServiceMemory s3,
        int indexerCapacity) {

    /** Druid's processing buffer: one per processing thread and merge buffer, plus one, in direct memory. */
    static final long PROCESSING_BUFFER_BYTES = 32L << 20;

    public static final StackMemory DEFAULT = new StackMemory(
            new ServiceMemory("128m", null),
            new ServiceMemory("384m", null),
            new ServiceMemory("512m", "192m"),
            new ServiceMemory("512m", "160m"),
            new ServiceMemory("1536m", "192m"),
            new ServiceMemory("320m", null),
            new ServiceMemory("256m", null),
            2);

    public StackMemory {
        if (indexerCapacity < 1 || indexerCapacity > 16) {
            throw new IllegalArgumentException(
                    "strata.stack.druid.indexer.capacity must be between 1 and 16: " + indexerCapacity);
        }
        requireDirectMemory("broker", broker, BROKER_MERGE_BUFFERS);
        requireDirectMemory("historical", historical, 1);
        requireDirectMemory("indexer", indexer, 1);
    }

    /** Merge buffers of the broker (a GROUP BY over a subquery takes two); the other services have one. */
    static final int BROKER_MERGE_BUFFERS = 2;

    private static void requireDirectMemory(String service, ServiceMemory memory, int mergeBuffers) {
        long needed = processingDirectMemory(1, mergeBuffers);
        if (memory.directMemoryBytes() < needed) {
            throw new IllegalArgumentException(String.format(
                    "strata.stack.druid.%s.direct-memory must be at least %dm: its processing thread, %d merge"
                            + " buffer(s) and one spare buffer of %dm each: %s",
                    service, needed >> 20, mergeBuffers, PROCESSING_BUFFER_BYTES >> 20, memory.directMemory()));
        }
    }

    /**
     * Reads {@code strata.stack.<service>.heap} and {@code .direct-memory} for {@code zookeeper}, {@code kafka} and
     * {@code s3}, {@code strata.stack.druid.<service>.heap} and {@code .direct-memory} for {@code coordinator},
     * {@code broker}, {@code historical} and {@code indexer}, and {@code strata.stack.druid.indexer.capacity};
     * each missing key keeps its default.
     */
    static StackMemory from(Function<String, String> get) {
        return new StackMemory(
                service(get, "strata.stack.zookeeper", DEFAULT.zookeeper),
                service(get, "strata.stack.druid.coordinator", DEFAULT.coordinator),
                service(get, "strata.stack.druid.broker", DEFAULT.broker),
                service(get, "strata.stack.druid.historical", DEFAULT.historical),
                service(get, "strata.stack.druid.indexer", DEFAULT.indexer),
                service(get, "strata.stack.kafka", DEFAULT.kafka),
                service(get, "strata.stack.s3", DEFAULT.s3),
                get.apply("strata.stack.druid.indexer.capacity") != null
                        ? Integer.parseInt(get.apply("strata.stack.druid.indexer.capacity"))
                        : DEFAULT.indexerCapacity);
    }

    private static ServiceMemory service(Function<String, String> get, String prefix, ServiceMemory fallback) {
        String heap = get.apply(prefix + ".heap");
        String direct = get.apply(prefix + ".direct-memory");
        return new ServiceMemory(
                heap != null ? heap : fallback.heap(), direct != null ? direct : fallback.directMemory());
    }

    /**
     * The indexer heap all running tasks together may fill with rows before they persist them
     * ({@code druid.worker.globalIngestionHeapLimitBytes}); Druid gives each task an equal share as its
     * {@code maxBytesInMemory}. A sixth of the heap, Druid's own default ratio: Druid's estimate of a row's size
     * is low, and a task holds its in-memory rows and the rows being persisted at once.
     */
    public long globalIngestionHeapLimitBytes() {
        return indexer.heapBytes() / 6;
    }

    /** Direct memory a Druid service with this many processing threads and merge buffers needs at least. */
    static long processingDirectMemory(int threads, int mergeBuffers) {
        return (threads + mergeBuffers + 1L) * PROCESSING_BUFFER_BYTES;
    }
}
