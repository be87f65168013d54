package io.strata.api.analytics;

import io.strata.ingestion.task.Dataset;
import io.strata.ingestion.task.IngestionTasks;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link DatasetDirectory} over the ingestion module's task store (PostgreSQL {@code datasets}). */
@Component
class IngestionDatasetDirectory implements DatasetDirectory {

    private final IngestionTasks tasks;

    IngestionDatasetDirectory(IngestionTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Mono<Dataset> dataset(String name) {
        return tasks.datasetHead(name);
    }

    @Override
    public Flux<Dataset> datasets() {
        return tasks.datasetHeads();
    }

    @Override
    public Mono<String> spec(String name) {
        return tasks.datasetSpec(name);
    }
}
