package io.strata.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schema.DatasetSchema;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import io.strata.schema.ValidationReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaJsonTest {

    private static DetectionResult detect() {
        String csv = "ts,city,amount\n2024-01-01T00:00:00Z,Paris,\"1,5\"\n2024-01-02T00:00:00Z,Lyon,x\n";
        return SchemaDetector.create(null)
                .detect(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "a.csv");
    }

    @Test
    void roundTripsADatasetSchemaUnchanged() {
        DatasetSchema schema = detect().schema();

        assertThat(SchemaJson.readSchema(SchemaJson.toJson(schema))).isEqualTo(schema);
    }

    @Test
    void roundTripsAValidationReportUnchanged() {
        ValidationReport report = detect().report();

        assertThat(SchemaJson.readReport(SchemaJson.toJson(report))).isEqualTo(report);
    }

    @Test
    void writesSampleTimestampsAsIsoStrings() {
        JsonNode tree = SchemaJson.mapper().readTree(SchemaJson.toJson(detect()));

        assertThat(tree.get("sample").get(0).get("ts").asString()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(tree.get("schema").get("columns").get(0).get("druidName").asString())
                .isEqualTo("ts");
        assertThat(tree.get("schema").get("dialect").get("delimiter").asString())
                .isEqualTo(",");
    }
}
