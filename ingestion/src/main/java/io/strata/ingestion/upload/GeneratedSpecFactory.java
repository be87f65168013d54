package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.StrataException;
import io.strata.schema.DetectionResult;
import io.strata.schema.FileFormat;
import io.strata.specs.InvalidSpecException;
import io.strata.specs.SpecJson;
import io.strata.specs.generate.GeneratedSpec;
import io.strata.specs.generate.IngestMode;
import io.strata.specs.generate.InputLocation;
import io.strata.specs.generate.SpecGenerator;
import io.strata.specs.generate.SpecOptions;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.CountAggregatorFactory;
import io.strata.specs.model.IndexParallelTask;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@link SpecFactory} on the druid-specs generator: the task reads the stored object from S3, carries Strata's
 * task id (so a retried submission is idempotent) and waits until its segments are loaded before it reports
 * success.
 */
@Component
class GeneratedSpecFactory implements SpecFactory {

    private final IngestionSettings settings;

    GeneratedSpecFactory(IngestionSettings settings) {
        this.settings = settings;
    }

    @Override
    public PlannedTask plan(
            DetectionResult detection,
            UploadRequest request,
            String druidTaskId,
            String inputUri,
            FileFormat druidFormat) {
        SpecOptions options = SpecOptions.builder(request.dataset())
                .input(new InputLocation.S3(List.of(inputUri)))
                .readNormalized(detection.normalizedFormat() != null && druidFormat == detection.normalizedFormat())
                .rollup(request.rollup())
                .mode(request.mode() == IngestionMode.APPEND ? IngestMode.APPEND : IngestMode.REPLACE)
                .datasketches(true)
                .awaitSegmentAvailabilityTimeoutMillis(
                        settings.awaitSegmentAvailability().toMillis())
                .build();
        GeneratedSpec generated;
        try {
            generated = SpecGenerator.generate(detection, options);
        } catch (InvalidSpecException e) {
            throw new StrataException.InvalidInput("the ingestion spec cannot be built: " + e.getMessage());
        }
        IndexParallelTask task = new IndexParallelTask(
                generated.task().type(),
                druidTaskId,
                generated.task().spec(),
                generated.task().context());
        boolean rollup = task.dataSchema().granularitySpec().rollupOrDefault();
        String countColumn = null;
        for (AggregatorFactory metric : task.dataSchema().metricsSpec()) {
            if (metric instanceof CountAggregatorFactory count) {
                countColumn = count.name();
            }
        }
        return new PlannedTask(
                SpecJson.write(task), rollup, rollup ? countColumn : null, List.copyOf(generated.decisions()));
    }
}
