package io.strata.specs.sql;

import static io.strata.specs.sql.SqlQuoting.identifier;
import static io.strata.specs.sql.SqlQuoting.literal;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.SpecJson;
import io.strata.specs.generate.GeneratedSpec;
import io.strata.specs.model.AggregatorFactory;
import io.strata.specs.model.CountAggregatorFactory;
import io.strata.specs.model.DataSchema;
import io.strata.specs.model.DimensionRangePartitionsSpec;
import io.strata.specs.model.DimensionSchema;
import io.strata.specs.model.DynamicPartitionsSpec;
import io.strata.specs.model.GranularitySpec;
import io.strata.specs.model.HashedPartitionsSpec;
import io.strata.specs.model.HllSketchBuildAggregatorFactory;
import io.strata.specs.model.IndexParallelIOConfig;
import io.strata.specs.model.IndexParallelTask;
import io.strata.specs.model.IndexParallelTuningConfig;
import io.strata.specs.model.PartitionsSpec;
import io.strata.specs.model.SimpleAggregatorFactory;
import io.strata.specs.model.SingleDimensionPartitionsSpec;
import io.strata.specs.model.SketchMergeAggregatorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders an {@code index_parallel} task as the equivalent SQL-based ingestion: {@code INSERT INTO} (append) or
 * {@code REPLACE INTO ... OVERWRITE} (replace) {@code SELECT ... FROM TABLE(EXTERN(...)) PARTITIONED BY ...
 * [CLUSTERED BY ...]}, with rollup as {@code GROUP BY} and the query granularity as {@code TIME_FLOOR}.
 *
 * <p>Every identifier and string literal is quoted; no part of the spec is pasted into the statement unquoted.
 * Specs using Druid native expressions (transforms, expression aggregators or filters) are rejected because their
 * language is not SQL. Stateless and thread-safe.
 */
public final class MsqRenderer {

    private MsqRenderer() {}

    public static SqlIngestion render(GeneratedSpec generated) {
        return render(generated.task());
    }

    public static SqlIngestion render(IndexParallelTask task) {
        DataSchema schema = task.dataSchema();
        IndexParallelIOConfig io = task.spec().ioConfig();
        IndexParallelTuningConfig tuning = task.spec().tuningConfig();
        GranularitySpec granularity = schema.granularitySpecOrDefault();
        if (schema.transformSpec() != null
                && schema.transformSpec().transforms() != null
                && !schema.transformSpec().transforms().isEmpty()) {
            throw new InvalidSpecException(
                    "transformSpec transforms are Druid native expressions and have no SQL rendering");
        }
        boolean rollup =
                granularity.rollupOrDefault() && !schema.metricsOrEmpty().isEmpty();
        ExternSignature signature = ExternSignature.of(schema, io.inputFormat());

        List<String> select = new ArrayList<>();
        select.add(TimeExpressions.time(schema.timestampSpecOrDefault(), granularity, signature) + " AS \"__time\"");
        List<DimensionSchema> dimensions = schema.dimensionsSpec() == null
                ? List.of()
                : schema.dimensionsSpec().dimensionsOrEmpty();
        for (DimensionSchema d : dimensions) {
            select.add(identifier(d.name()));
        }
        for (AggregatorFactory metric : schema.metricsOrEmpty()) {
            select.add(aggregate(metric, rollup) + " AS " + identifier(metric.name()));
        }

        StringBuilder sql = new StringBuilder();
        String target = identifier(schema.dataSource());
        if (io.appends()) {
            sql.append("INSERT INTO ").append(target).append('\n');
        } else {
            sql.append("REPLACE INTO ")
                    .append(target)
                    .append(" OVERWRITE ")
                    .append(TimeExpressions.overwrite(granularity.intervals()))
                    .append('\n');
        }
        sql.append("SELECT\n  ").append(String.join(",\n  ", select)).append('\n');
        sql.append("FROM TABLE(\n  EXTERN(\n    ")
                .append(literal(compactJson(io.inputSource())))
                .append(",\n    ")
                .append(literal(compactJson(io.inputFormat())))
                .append(",\n    ")
                .append(literal(signature.json()))
                .append("\n  )\n)\n");
        if (schema.transformSpec() != null && schema.transformSpec().filter() != null) {
            sql.append("WHERE ")
                    .append(SqlFilters.render(schema.transformSpec().filter()))
                    .append('\n');
        }
        if (rollup) {
            List<String> ordinals = new ArrayList<>();
            for (int i = 1; i <= dimensions.size() + 1; i++) {
                ordinals.add(String.valueOf(i));
            }
            sql.append("GROUP BY ").append(String.join(", ", ordinals)).append('\n');
        }
        sql.append("PARTITIONED BY ").append(TimeExpressions.partitionedBy(granularity.segmentGranularityOrDefault()));
        List<String> clusterBy = clusterBy(tuning == null ? null : tuning.partitionsSpec());
        if (!clusterBy.isEmpty()) {
            sql.append('\n')
                    .append("CLUSTERED BY ")
                    .append(clusterBy.stream().map(SqlQuoting::identifier).collect(Collectors.joining(", ")));
        }
        return new SqlIngestion(sql.toString(), context(tuning, rollup));
    }

    private static String aggregate(AggregatorFactory metric, boolean rollup) {
        if (metric instanceof CountAggregatorFactory) {
            return rollup ? "COUNT(*)" : "1";
        }
        if (metric instanceof SimpleAggregatorFactory simple) {
            if (simple.fieldName() == null) {
                throw InvalidSpecException.of(
                        "aggregator [%s] uses a Druid native expression and has no SQL rendering", metric.name());
            }
            String field = identifier(simple.fieldName());
            if (!rollup) {
                return field;
            }
            String function = simple.getClass().getSimpleName().replace("AggregatorFactory", "");
            return (function.endsWith("Sum") ? "SUM" : function.endsWith("Min") ? "MIN" : "MAX") + "(" + field + ")";
        }
        if (!rollup) {
            throw InvalidSpecException.of("sketch aggregator [%s] needs rollup in SQL ingestion", metric.name());
        }
        if (metric instanceof HllSketchBuildAggregatorFactory hll) {
            return "DS_HLL(" + identifier(hll.fieldName())
                    + (hll.lgK() == null && hll.tgtHllType() == null
                            ? ""
                            : ", " + (hll.lgK() == null ? 12 : hll.lgK()) + ", "
                                    + literal(hll.tgtHllType() == null ? "HLL_4" : hll.tgtHllType()))
                    + ")";
        }
        SketchMergeAggregatorFactory theta = (SketchMergeAggregatorFactory) metric;
        return "DS_THETA(" + identifier(theta.fieldName()) + (theta.size() == null ? "" : ", " + theta.size()) + ")";
    }

    private static List<String> clusterBy(PartitionsSpec partitions) {
        if (partitions instanceof DimensionRangePartitionsSpec range) {
            return range.partitionDimensions();
        }
        if (partitions instanceof SingleDimensionPartitionsSpec single) {
            return List.of(single.partitionDimension());
        }
        if (partitions instanceof HashedPartitionsSpec hashed && hashed.partitionDimensions() != null) {
            return hashed.partitionDimensions();
        }
        return List.of();
    }

    private static Map<String, Object> context(IndexParallelTuningConfig tuning, boolean rollup) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (rollup) {
            // Keep sketches and sums as stored partial aggregates, as native rollup does.
            context.put("finalizeAggregations", false);
            context.put("groupByEnableMultiValueUnnesting", false);
        }
        if (tuning == null) {
            return context;
        }
        if (tuning.maxParseExceptions() != null) {
            context.put("maxParseExceptions", tuning.maxParseExceptions());
        }
        Integer rowsPerSegment = rowsPerSegment(tuning.partitionsSpec());
        if (rowsPerSegment != null) {
            context.put("rowsPerSegment", rowsPerSegment);
        }
        if (tuning.maxNumConcurrentSubTasks() != null) {
            // maxNumTasks counts the controller too.
            context.put("maxNumTasks", Math.max(2, tuning.maxNumConcurrentSubTasks() + 1));
        }
        return context;
    }

    private static Integer rowsPerSegment(PartitionsSpec partitions) {
        if (partitions instanceof DynamicPartitionsSpec dynamic) {
            return dynamic.maxRowsPerSegment();
        }
        if (partitions instanceof DimensionRangePartitionsSpec range) {
            return range.targetRowsPerSegment() != null ? range.targetRowsPerSegment() : range.maxRowsPerSegment();
        }
        if (partitions instanceof SingleDimensionPartitionsSpec single) {
            return single.targetRowsPerSegment() != null ? single.targetRowsPerSegment() : single.maxRowsPerSegment();
        }
        if (partitions instanceof HashedPartitionsSpec hashed) {
            return hashed.targetRowsPerSegment();
        }
        return null;
    }

    static String compactJson(Object value) {
        return SpecJson.mapper()
                .writer()
                .without(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(value);
    }
}
