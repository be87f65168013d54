package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A native batch ingestion task ({@code type: index_parallel}), as POSTed to {@code /druid/indexer/v1/task}.
 *
 * @param type always {@code index_parallel} (defaulted when null)
 * @param id task id; null to let Druid name it
 * @param context task context parameters; null if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexParallelTask(String type, String id, IndexParallelIngestionSpec spec, Map<String, Object> context) {

    public static final String TYPE = "index_parallel";

    public IndexParallelTask {
        type = type == null ? TYPE : Checks.fixedType(type, TYPE, "task");
        Checks.require(spec, "task spec");
        context = Checks.copy(context);
    }

    public static IndexParallelTask of(IndexParallelIngestionSpec spec) {
        return new IndexParallelTask(TYPE, null, spec, null);
    }

    public DataSchema dataSchema() {
        return spec.dataSchema();
    }
}
