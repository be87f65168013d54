package io.strata.api.analytics;

import io.strata.api.metadata.MetadataCache;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.task.Dataset;
import io.strata.ingestion.task.IngestionTaskTransitioned;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link DatasetVersions} in process, from PostgreSQL's {@code datasets} table (whose {@code data_version} the
 * task driver advances in the same transaction that marks a task SUCCEEDED):
 *
 * <ul>
 *   <li>while anyone listens, the table is read every {@code strata.analytics.live.version-poll-interval} (one
 *       small query for all datasets, whichever node ran the ingestion);
 *   <li>{@link #observe(IngestionTaskTransitioned)} takes task events as they are published (the ingestion
 *       module's Kafka consumer, when wired: {@code events.concatMap(versions::observe)}), and reads the
 *       dataset's version as soon as one of its tasks SUCCEEDED.
 * </ul>
 *
 * Each version is announced once, however it was learnt.
 */
@Component
class PolledDatasetVersions implements DatasetVersions {

    private static final Logger log = LoggerFactory.getLogger(PolledDatasetVersions.class);

    private final DatasetDirectory directory;
    private final MetadataCache metadata;
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final Sinks.Many<DatasetVersionAdvanced> sink =
            Sinks.many().multicast().directBestEffort();
    private final Flux<DatasetVersionAdvanced> polling;
    private volatile boolean baseline;

    PolledDatasetVersions(DatasetDirectory directory, AnalyticsSettings settings, MetadataCache metadata) {
        this.directory = directory;
        this.metadata = metadata;
        this.polling = Flux.interval(java.time.Duration.ZERO, settings.live().versionPollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> scan().onErrorResume(e -> {
                    log.debug("Reading data versions failed, retrying at the next poll: {}", e.getMessage());
                    return Mono.empty();
                }))
                .thenMany(Flux.<DatasetVersionAdvanced>empty())
                .share();
    }

    @Override
    public Flux<DatasetVersionAdvanced> advances() {
        return Flux.merge(sink.asFlux(), polling);
    }

    /** Takes one task event; when it is a success, reads and announces the dataset's new version. */
    public Mono<Void> observe(IngestionTaskTransitioned event) {
        if (event.to() != TaskStatus.SUCCEEDED) {
            return Mono.empty();
        }
        return directory.dataset(event.task().dataset()).doOnNext(this::seen).then();
    }

    private Mono<Void> scan() {
        return directory.datasets().doOnNext(this::seen).then().doOnSuccess(done -> baseline = true);
    }

    private synchronized void seen(Dataset dataset) {
        Long before = known.get(dataset.name());
        boolean advanced = before == null ? baseline : dataset.dataVersion() > before;
        if (before == null || dataset.dataVersion() > before) {
            known.put(dataset.name(), dataset.dataVersion());
        }
        if (advanced) {
            // Pollers query at once on this: the node's cached row must not hold the older version, even if the
            // change's notification has not arrived yet.
            metadata.changed(dataset.name());
            // No subscriber, or a slow one, loses nothing: it polls on its own interval too.
            sink.tryEmitNext(new DatasetVersionAdvanced(dataset.name(), dataset.dataVersion()));
        }
    }
}
