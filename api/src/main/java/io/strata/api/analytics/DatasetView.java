package io.strata.api.analytics;

import io.strata.ingestion.task.Dataset;
import java.util.List;
import java.util.Optional;

/** A dataset with the columns Druid serves for it, at one data version. */
public record DatasetView(Dataset dataset, List<DatasetColumn> columns) {

    public DatasetView {
        columns = List.copyOf(columns);
    }

    public String name() {
        return dataset.name();
    }

    public Optional<DatasetColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(DatasetColumn::name).toList();
    }
}
