package io.strata.api.analytics;

/**
 * A column of a dataset as Druid serves it.
 *
 * @param type Druid's SQL type (VARCHAR, BIGINT, DOUBLE, FLOAT, TIMESTAMP, ...)
 * @param role TIMESTAMP, DIMENSION or METRIC
 */
public record DatasetColumn(String name, String type, String role) {

    public boolean isNumeric() {
        return type.equals("BIGINT") || type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("DECIMAL");
    }
}
