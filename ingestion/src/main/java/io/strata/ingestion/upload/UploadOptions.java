package io.strata.ingestion.upload;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.StrataException;
import io.strata.schema.ColumnRole;
import io.strata.schema.ColumnType;
import io.strata.schema.DetectionOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's choices for an upload, from query parameters or a JSON {@code options} part (same names).
 *
 * <ul>
 *   <li>{@code mode}: create (default), append or replace
 *   <li>{@code force}: true to ingest content that was already ingested into the dataset
 *   <li>{@code rollup}: true or false (default: decided from the data)
 *   <li>{@code timestamp}, {@code timestampFormat}: the primary timestamp column and its format
 *   <li>{@code type}: {@code column:TYPE}, repeatable (query) or a {@code types} object (JSON)
 *   <li>{@code role}: {@code column:ROLE}, repeatable (query) or a {@code roles} object (JSON)
 *   <li>{@code sheet}: the XLSX sheet to read
 *   <li>{@code maxBadRows}: the error budget in rows
 * </ul>
 */
public record UploadOptions(
        IngestionMode mode,
        boolean force,
        Boolean rollup,
        String timestamp,
        String timestampFormat,
        Map<String, ColumnType> types,
        Map<String, ColumnRole> roles,
        String sheet,
        Long maxBadRows) {

    public UploadOptions {
        types = Map.copyOf(types);
        roles = Map.copyOf(roles);
    }

    /** Options from query parameters. */
    public static UploadOptions fromQuery(Map<String, List<String>> query) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String pair : query.getOrDefault("type", List.of())) {
            String[] parts = columnValue("type", pair);
            types.put(parts[0], parse(ColumnType.class, "type", parts[1]));
        }
        Map<String, ColumnRole> roles = new LinkedHashMap<>();
        for (String pair : query.getOrDefault("role", List.of())) {
            String[] parts = columnValue("role", pair);
            roles.put(parts[0], parse(ColumnRole.class, "role", parts[1]));
        }
        String mode = first(query, "mode");
        String rollup = first(query, "rollup");
        String maxBadRows = first(query, "maxBadRows");
        return new UploadOptions(
                mode != null ? IngestionMode.parse(mode) : IngestionMode.CREATE,
                Boolean.parseBoolean(first(query, "force")),
                rollup != null ? parseBoolean("rollup", rollup) : null,
                first(query, "timestamp"),
                first(query, "timestampFormat"),
                types,
                roles,
                first(query, "sheet"),
                maxBadRows != null ? parseLong("maxBadRows", maxBadRows) : null);
    }

    /** These options with {@code other}'s set values taking precedence. */
    public UploadOptions overriddenBy(UploadOptions other) {
        Map<String, ColumnType> mergedTypes = new LinkedHashMap<>(types);
        mergedTypes.putAll(other.types);
        Map<String, ColumnRole> mergedRoles = new LinkedHashMap<>(roles);
        mergedRoles.putAll(other.roles);
        return new UploadOptions(
                other.mode != null && other.mode != IngestionMode.CREATE ? other.mode : mode,
                force || other.force,
                other.rollup != null ? other.rollup : rollup,
                other.timestamp != null ? other.timestamp : timestamp,
                other.timestampFormat != null ? other.timestampFormat : timestampFormat,
                mergedTypes,
                mergedRoles,
                other.sheet != null ? other.sheet : sheet,
                other.maxBadRows != null ? other.maxBadRows : maxBadRows);
    }

    public UploadRequest toRequest(String dataset, String fileName, String contentType) {
        DetectionOptions.Builder detection =
                DetectionOptions.defaults().toBuilder().typeOverrides(types).roleOverrides(roles);
        if (timestamp != null) {
            detection.timestamp(timestamp, timestampFormat);
        }
        if (sheet != null) {
            detection.sheet(sheet);
        }
        if (maxBadRows != null) {
            detection.maxBadRows(maxBadRows);
        }
        try {
            return new UploadRequest(dataset, fileName, contentType, mode, force, detection.build(), rollup);
        } catch (IllegalArgumentException e) {
            throw new StrataException.InvalidInput("upload options are not valid: " + e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String[] columnValue(String parameter, String pair) {
        int colon = pair.lastIndexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            throw new StrataException.InvalidInput(
                    parameter + "='" + pair + "' must be column:VALUE, for example " + parameter + "=zip:STRING");
        }
        return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }

    static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StrataException.InvalidInput(
                    parameter + " '" + value + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }

    private static boolean parseBoolean(String parameter, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new StrataException.InvalidInput(parameter + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static long parseLong(String parameter, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StrataException.InvalidInput(parameter + " must be a whole number, not '" + value + "'");
        }
    }
}
