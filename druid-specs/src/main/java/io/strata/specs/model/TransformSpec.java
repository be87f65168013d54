package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Druid's {@code transformSpec}: computed fields, then a row filter (which may refer to them).
 *
 * @param transforms null if none
 * @param filter only matching rows are ingested; null to keep all rows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransformSpec(List<Transform> transforms, DimFilter filter) {

    public TransformSpec {
        transforms = Checks.copy(transforms, "transformSpec.transforms");
        if (transforms != null) {
            List<String> names = new ArrayList<>();
            transforms.forEach(t -> names.add(t.name()));
            Checks.requireUnique(names, "transforms");
        }
    }
}
