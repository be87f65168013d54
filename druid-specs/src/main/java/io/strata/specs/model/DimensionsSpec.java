package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Druid's {@code dimensionsSpec}. Dimension names must be unique and may not also be excluded.
 *
 * @param dimensions explicit dimensions in storage order; empty or null asks Druid to discover string dimensions
 * @param dimensionExclusions input fields not to ingest when dimensions are discovered; null if none
 * @param spatialDimensions null if none
 * @param includeAllDimensions ingest discovered dimensions after the explicit ones; null for false
 * @param useSchemaDiscovery type-aware schema discovery; null for false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DimensionsSpec(
        List<DimensionSchema> dimensions,
        List<String> dimensionExclusions,
        List<SpatialDimensionSchema> spatialDimensions,
        Boolean includeAllDimensions,
        Boolean useSchemaDiscovery) {

    public DimensionsSpec {
        dimensions = Checks.copy(dimensions, "dimensionsSpec.dimensions");
        dimensionExclusions = Checks.copy(dimensionExclusions, "dimensionsSpec.dimensionExclusions");
        spatialDimensions = Checks.copy(spatialDimensions, "dimensionsSpec.spatialDimensions");
        List<String> names = new ArrayList<>();
        if (dimensions != null) {
            dimensions.forEach(d -> names.add(d.name()));
        }
        if (spatialDimensions != null) {
            spatialDimensions.forEach(d -> names.add(d.dimName()));
        }
        Checks.requireUnique(names, "dimensions");
        if (dimensionExclusions != null) {
            for (String excluded : dimensionExclusions) {
                if (names.contains(excluded)) {
                    throw InvalidSpecException.of(
                            "dimension [%s] is both included in dimensions and excluded in dimensionExclusions",
                            excluded);
                }
            }
        }
    }

    public static DimensionsSpec of(List<DimensionSchema> dimensions) {
        return new DimensionsSpec(dimensions, null, null, null, null);
    }

    /** The explicit dimensions, empty when there are none. */
    public List<DimensionSchema> dimensionsOrEmpty() {
        return dimensions == null ? List.of() : dimensions;
    }

    public Optional<DimensionSchema> dimension(String name) {
        return dimensionsOrEmpty().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
