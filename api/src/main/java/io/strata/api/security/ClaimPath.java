package io.strata.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A claim of a token, by name or by a dotted path into nested claims ({@code realm_access.roles}). Its values are
 * the strings it holds: a string (split on spaces when it is {@code scope}), or a list of strings; anything else, or
 * a missing claim, holds none.
 */
public record ClaimPath(String path) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_:-]*(\\.[A-Za-z_][A-Za-z0-9_:-]*)*");

    public ClaimPath {
        if (path == null || !VALID.matcher(path).matches()) {
            throw new IllegalArgumentException(
                    "claim '" + path + "' is not a claim name or dotted path (e.g. tenant, " + "realm_access.roles)");
        }
    }

    /** Whether {@code path} is a valid claim path. */
    public static boolean valid(String path) {
        return path != null && VALID.matcher(path).matches();
    }

    /** The strings the claim holds in {@code claims}; empty when it is missing. */
    public List<String> values(Map<String, Object> claims) {
        Object node = claims;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(key);
        }
        List<String> values = new ArrayList<>();
        if (node instanceof String text) {
            if (path.equals("scope") || path.equals("scp")) {
                for (String part : text.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        values.add(part);
                    }
                }
            } else {
                values.add(text);
            }
        } else if (node instanceof Collection<?> many) {
            for (Object value : many) {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    values.add(String.valueOf(value));
                }
            }
        } else if (node instanceof Number || node instanceof Boolean) {
            values.add(String.valueOf(node));
        }
        return List.copyOf(values);
    }
}
