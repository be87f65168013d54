package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.StrataException;
import io.strata.schema.DetectionOptions;
import io.strata.schema.TooManyColumnsException;
import java.util.Map;

/** The server's limits on what one file may hold, applied to an upload's detection options and named in refusals. */
final class UploadLimits {
    private UploadLimits() {}

    static DetectionOptions apply(IngestionSettings settings, DetectionOptions options) {
        return options.toBuilder().maxColumns(settings.maxColumns()).build();
    }

    /** A 422 that names the setting an operator raises the limit with. */
    static StrataException refusal(TooManyColumnsException e, String fileName) {
        return new StrataException.Unprocessable(
                e.getMessage() + " (the limit is the server's strata.ingestion.max-columns)",
                Map.of("file", fileName, "columns", e.columns(), "maxColumns", e.limit()));
    }
}
