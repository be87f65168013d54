package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strata.specs.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Druid's {@code flattenSpec}: nested JSON fields made into columns.
 *
 * @param useFieldDiscovery also take every root-level scalar field; null for Druid's default true
 * @param fields the extracted fields; null if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlattenSpec(Boolean useFieldDiscovery, List<Field> fields) {

    /** How a field is located. */
    public enum FieldType {
        ROOT,
        PATH,
        JQ,
        TREE;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static FieldType fromJson(String value) {
            for (FieldType type : values()) {
                if (type.name().equalsIgnoreCase(value)) {
                    return type;
                }
            }
            throw InvalidSpecException.of(
                    "unknown flattenSpec field type [%s]; expected root, path, jq or tree", value);
        }
    }

    /**
     * One extracted field.
     *
     * @param expr JSONPath ({@code path}) or jq expression; required for those two types
     * @param nodes the key path for {@code tree}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(FieldType type, String name, String expr, List<String> nodes) {
        public Field {
            Checks.require(type, "flattenSpec field type");
            Checks.requireText(name, "flattenSpec field name");
            nodes = Checks.copy(nodes, "flattenSpec field nodes");
            if ((type == FieldType.PATH || type == FieldType.JQ) && (expr == null || expr.isBlank())) {
                throw InvalidSpecException.of("flattenSpec %s field [%s] needs an expr", type.jsonName(), name);
            }
            if (type == FieldType.TREE && (nodes == null || nodes.isEmpty())) {
                throw InvalidSpecException.of("flattenSpec tree field [%s] needs nodes", name);
            }
        }

        public static Field path(String name, String expr) {
            return new Field(FieldType.PATH, name, expr, null);
        }
    }

    public FlattenSpec {
        fields = Checks.copy(fields, "flattenSpec.fields");
        if (fields != null) {
            List<String> names = new ArrayList<>();
            fields.forEach(f -> names.add(f.name()));
            Checks.requireUnique(names, "flattenSpec fields");
        }
    }
}
