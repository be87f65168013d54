package io.strata.ingestion.upload;

import java.util.List;

/**
 * What an upload of a file would do, without storing it: {@code POST /api/v1/schema/detect}.
 *
 * @param schema the detected schema
 * @param report the validation of every row
 * @param accepted whether an upload of this file would be accepted (its bad rows are within the error budget)
 * @param problem why it would be refused, or null when accepted
 * @param spec the Druid task that would be submitted (JSON), or null when the file would be refused
 * @param decisions the spec generator's decisions with their reasons (empty without a spec)
 * @param normalizedFormat the format of the normalized copy Druid would read, or null when it reads the file itself
 */
public record SchemaDetection(
        Object schema,
        Object report,
        boolean accepted,
        String problem,
        Object spec,
        List<Object> decisions,
        String normalizedFormat) {

    public SchemaDetection {
        decisions = List.copyOf(decisions);
    }
}
