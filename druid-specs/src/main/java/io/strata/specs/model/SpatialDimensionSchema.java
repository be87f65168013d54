package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A spatial dimension built from coordinate fields (see Druid's geo docs).
 *
 * @param dimName name of the spatial dimension
 * @param dims input fields holding the coordinates, or null when {@code dimName} itself holds "x,y"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpatialDimensionSchema(String dimName, List<String> dims) {

    public SpatialDimensionSchema {
        Checks.requireText(dimName, "spatialDimensions.dimName");
        dims = Checks.copy(dims, "spatialDimensions.dims");
    }
}
