package io.strata.specs.sql;

import static io.strata.specs.sql.SqlQuoting.identifier;
import static io.strata.specs.sql.SqlQuoting.literal;

import io.strata.specs.InvalidSpecException;
import io.strata.specs.model.Granularity;
import io.strata.specs.model.GranularitySpec;
import io.strata.specs.model.TimestampSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The SQL for {@code __time}, the OVERWRITE condition and the PARTITIONED BY clause. */
final class TimeExpressions {

    private static final DateTimeFormatter SQL_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TimeExpressions() {}

    static String time(TimestampSpec ts, GranularitySpec granularity, ExternSignature signature) {
        String column = ts.columnOrDefault();
        String parsed = signature.has(column) ? parse(identifier(column), ts.formatOrDefault()) : null;
        String missing = ts.missingValue() == null ? null : timestampLiteral(parseInstant(ts.missingValue()));
        String expression =
                parsed == null ? missing : missing == null ? parsed : "COALESCE(" + parsed + ", " + missing + ")";
        Granularity.Standard query = granularity.queryGranularityOrDefault().standard();
        if (query == Granularity.Standard.NONE) {
            return expression;
        }
        String period = query.period()
                .orElseThrow(() -> new InvalidSpecException(
                        "queryGranularity [ALL] has no SQL rendering; use a period granularity"));
        return "TIME_FLOOR(" + expression + ", " + literal(period) + ")";
    }

    private static String parse(String column, String format) {
        return switch (format) {
            case "auto", "iso" -> "TIME_PARSE(" + column + ")";
            case "millis" -> "MILLIS_TO_TIMESTAMP(" + column + ")";
            case "posix" -> "MILLIS_TO_TIMESTAMP(" + column + " * 1000)";
            case "micro" -> "MILLIS_TO_TIMESTAMP(" + column + " / 1000)";
            case "nano" -> "MILLIS_TO_TIMESTAMP(" + column + " / 1000000)";
            default -> "TIME_PARSE(" + column + ", " + literal(format) + ")";
        };
    }

    static String overwrite(List<String> intervals) {
        if (intervals == null || intervals.isEmpty()) {
            return "ALL";
        }
        List<String> conditions = new ArrayList<>();
        for (String interval : intervals) {
            String[] parts = interval.split("/", 2);
            Instant start = parseInstant(parts[0]);
            Instant end = parts[1].startsWith("P") ? plus(start, parts[1]) : parseInstant(parts[1]);
            conditions.add(
                    "(\"__time\" >= " + timestampLiteral(start) + " AND \"__time\" < " + timestampLiteral(end) + ")");
        }
        return "WHERE " + String.join(" OR ", conditions);
    }

    static String partitionedBy(Granularity segment) {
        Granularity.Standard g = segment.standard();
        return switch (g) {
            case HOUR, DAY, MONTH, YEAR -> g.name();
            case ALL -> "ALL TIME";
            case NONE -> throw new InvalidSpecException("segmentGranularity [NONE] has no SQL rendering");
            default -> "TIME_FLOOR(\"__time\", " + literal(g.period().orElseThrow()) + ")";
        };
    }

    private static String timestampLiteral(Instant instant) {
        return "TIMESTAMP " + literal(SQL_TIMESTAMP.format(instant));
    }

    static Instant parseInstant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw InvalidSpecException.of("[%s] is not an ISO-8601 time", text);
                }
            }
        }
    }

    private static Instant plus(Instant start, String iso) {
        int t = iso.indexOf('T');
        String datePart = t < 0 ? iso : iso.substring(0, t);
        Instant end = start;
        if (datePart.length() > 1) {
            end = end.atZone(ZoneOffset.UTC).plus(Period.parse(datePart)).toInstant();
        }
        if (t >= 0) {
            end = end.plus(Duration.parse("P" + iso.substring(t)));
        }
        return end;
    }
}
