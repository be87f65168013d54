package io.strata.api.sql;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A session's run-time parameters, as {@code SET}, {@code SHOW}, {@code RESET} and {@code current_setting()} see them:
 * PostgreSQL's defaults for a read-only UTF-8 database in UTC, every name accepted (drivers set many), the few that
 * change answers checked: {@code TimeZone} (Druid's {@code sqlTimeZone} and the offsets of timestamps),
 * {@code client_encoding} (UTF8 only), {@code DateStyle} (ISO only), {@code statement_timeout}, and the read-only
 * ones. Names are case-insensitive. Not thread-safe: a session's own.
 */
public final class SessionSettings {

    /** The defaults, by PostgreSQL's spelling of each name. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** Parameters PostgreSQL reports to the client (ParameterStatus) when they change. */
    public static final Set<String> REPORTED = Set.of(
            "application_name",
            "client_encoding",
            "datestyle",
            "default_transaction_read_only",
            "in_hot_standby",
            "integer_datetimes",
            "intervalstyle",
            "is_superuser",
            "server_encoding",
            "server_version",
            "session_authorization",
            "standard_conforming_strings",
            "timezone");

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public SessionSettings() {
        values.putAll(DEFAULTS);
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("server_version", "15.0 (Strata)");
        d.put("server_version_num", "150000");
        d.put("server_encoding", "UTF8");
        d.put("client_encoding", "UTF8");
        d.put("DateStyle", "ISO, MDY");
        d.put("IntervalStyle", "postgres");
        d.put("TimeZone", "UTC");
        d.put("integer_datetimes", "on");
        d.put("standard_conforming_strings", "on");
        d.put("is_superuser", "off");
        d.put("in_hot_standby", "off");
        d.put("default_transaction_read_only", "on");
        d.put("transaction_read_only", "on");
        d.put("transaction_isolation", "read committed");
        d.put("default_transaction_isolation", "read committed");
        d.put("application_name", "");
        d.put("search_path", "\"$user\", public");
        d.put("extra_float_digits", "1");
        d.put("statement_timeout", "0");
        d.put("lock_timeout", "0");
        d.put("idle_in_transaction_session_timeout", "0");
        d.put("max_identifier_length", "63");
        d.put("lc_collate", "C.UTF-8");
        d.put("lc_ctype", "C.UTF-8");
        d.put("lc_messages", "C.UTF-8");
        d.put("lc_monetary", "C.UTF-8");
        d.put("lc_numeric", "C.UTF-8");
        d.put("lc_time", "C.UTF-8");
        d.put("bytea_output", "hex");
        d.put("client_min_messages", "notice");
        d.put("escape_string_warning", "on");
        d.put("max_index_keys", "32");
        d.put("block_size", "8192");
        d.put("session_authorization", "");
        return Map.copyOf(d);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** PostgreSQL's spelling of a known name ({@code timezone} is {@code TimeZone}); the name itself otherwise. */
    public static String canonical(String name) {
        for (String known : DEFAULTS.keySet()) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Sets a parameter; the value is checked for the parameters that change answers.
     *
     * @return the value stored (normalized: a time zone's id)
     */
    public String set(String name, String value) {
        String key = canonical(name);
        String checked = check(key, value);
        values.put(key, checked);
        return checked;
    }

    /** Sets a parameter without checks (the startup's and the session's own values, e.g. session_authorization). */
    public void put(String name, String value) {
        values.put(canonical(name), value);
    }

    public void reset(String name) {
        String key = canonical(name);
        String initial = DEFAULTS.get(key);
        if (initial == null) {
            values.remove(key);
        } else {
            values.put(key, initial);
        }
    }

    public void resetAll() {
        String authorization = values.get("session_authorization");
        String application = values.get("application_name");
        values.clear();
        values.putAll(DEFAULTS);
        values.put("session_authorization", authorization);
        values.put("application_name", application);
    }

    /** The session's time zone (for Druid's {@code sqlTimeZone}). */
    public String timeZone() {
        return values.get("TimeZone");
    }

    /** {@code statement_timeout} in milliseconds; 0 for none. */
    public long statementTimeoutMillis() {
        return millis(values.get("statement_timeout"));
    }

    /** Every parameter and value, by name (SHOW ALL, pg_settings). */
    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    private static String check(String key, String value) {
        String v = value == null ? "" : value.trim();
        switch (key) {
            case "TimeZone" -> {
                String zone = v.equalsIgnoreCase("local") || v.equalsIgnoreCase("default") ? "UTC" : v;
                try {
                    return ZoneId.of(zone.equalsIgnoreCase("utc") ? "UTC" : zone)
                            .getId();
                } catch (DateTimeException e) {
                    throw new SqlException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"TimeZone\": \"" + value + "\"",
                            "use a zone name such as UTC or Europe/Paris, or an offset such as +02:00");
                }
            }
            case "client_encoding" -> {
                String encoding = v.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
                if (!encoding.equals("UTF8") && !encoding.equals("UNICODE")) {
                    throw new SqlException(
                            SqlState.FEATURE_NOT_SUPPORTED,
                            "client_encoding " + value + " is not supported",
                            "Strata speaks UTF8 only");
                }
                return "UTF8";
            }
            case "DateStyle" -> {
                if (!v.toUpperCase(Locale.ROOT).startsWith("ISO")) {
                    throw new SqlException(
                            SqlState.FEATURE_NOT_SUPPORTED, "DateStyle " + value + " is not supported", "use ISO");
                }
                return "ISO, MDY";
            }
            case "default_transaction_read_only", "transaction_read_only" -> {
                if (!List.of("on", "true", "1", "yes").contains(v.toLowerCase(Locale.ROOT))) {
                    throw new SqlException(
                            SqlState.READ_ONLY_SQL_TRANSACTION,
                            "cannot set transaction read-write mode: Strata's SQL endpoint only reads");
                }
                return "on";
            }
            case "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout" -> {
                millis(v);
                return v;
            }
            default -> {
                return v;
            }
        }
    }

    /** PostgreSQL's spelling of a duration ({@code 0}, {@code 5000}, {@code '5s'}, {@code '2min'}) in milliseconds. */
    static long millis(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            int unit = 0;
            while (unit < v.length() && (Character.isDigit(v.charAt(unit)) || v.charAt(unit) == '.')) {
                unit++;
            }
            double number = Double.parseDouble(v.substring(0, unit));
            String suffix = v.substring(unit).trim();
            double factor =
                    switch (suffix) {
                        case "", "ms" -> 1;
                        case "s" -> 1_000;
                        case "min" -> 60_000;
                        case "h" -> 3_600_000;
                        case "d" -> 86_400_000;
                        case "us" -> 0.001;
                        default -> throw new NumberFormatException(suffix);
                    };
            return (long) (number * factor);
        } catch (RuntimeException e) {
            throw new SqlException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for a timeout: \"" + value + "\"",
                    "use milliseconds (5000) or a unit: 5s, 2min");
        }
    }
}
