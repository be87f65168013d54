package io.strata.api.sql.catalog;

import io.strata.api.sql.PgType;
import io.strata.api.sql.SqlColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of every catalog relation, as PostgreSQL 15 (pg_catalog, information_schema) and Druid 33
 * (INFORMATION_SCHEMA) define them, from {@code sql/catalog-columns.txt}. Relations are keyed
 * {@code pg_class}, {@code information_schema.tables}, {@code INFORMATION_SCHEMA.TABLES}.
 */
final class CatalogColumns {

    private static final Map<String, List<SqlColumn>> RELATIONS = load();

    private CatalogColumns() {}

    static List<SqlColumn> of(String relation) {
        List<SqlColumn> columns = RELATIONS.get(relation);
        if (columns == null) {
            throw new IllegalArgumentException("no catalog relation " + relation);
        }
        return columns;
    }

    static boolean exists(String relation) {
        return RELATIONS.containsKey(relation);
    }

    static Iterable<String> names() {
        return RELATIONS.keySet();
    }

    private static Map<String, List<SqlColumn>> load() {
        Map<String, List<SqlColumn>> relations = new LinkedHashMap<>();
        try (InputStream in = CatalogColumns.class.getResourceAsStream("/sql/catalog-columns.txt")) {
            if (in == null) {
                throw new IllegalStateException("sql/catalog-columns.txt is missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String relation = line.substring(0, colon).trim();
                String[] words = line.substring(colon + 1).trim().split("\\s+");
                List<SqlColumn> columns = new ArrayList<>();
                for (int i = 0; i + 1 < words.length; i += 2) {
                    columns.add(
                            SqlColumn.of(words[i], PgType.named(words[i + 1]).orElse(PgType.TEXT)));
                }
                relations.put(relation, List.copyOf(columns));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(relations);
    }
}
