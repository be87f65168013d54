package io.strata.api.analytics;

import io.strata.ingestion.task.Dataset;
import java.util.List;
import java.util.Optional;

/**
 * A dataset with the columns Druid serves for it, at one data version.
 *
 * @param unavailable why Druid serves nothing for the dataset (its datasource is missing), or null when it does
 */
public record DatasetView(Dataset dataset, List<DatasetColumn> columns, String unavailable) {

    public DatasetView(Dataset dataset, List<DatasetColumn> columns) {
        this(dataset, columns, null);
    }

    public DatasetView {
        columns = List.copyOf(columns);
    }

    /** A dataset PostgreSQL knows but Druid serves no data for. */
    static DatasetView unavailable(Dataset dataset) {
        return new DatasetView(dataset, List.of(), DruidErrors.unavailable(dataset.name()));
    }

    public boolean available() {
        return unavailable == null;
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
