package io.strata.specs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.specs.InvalidSpecException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Druid's {@code timestampSpec}: where the primary timestamp ({@code __time}) comes from.
 *
 * <p>Null fields mean "Druid's default" ({@code column} = {@code timestamp}, {@code format} = {@code auto}) and are
 * not written, so a spec read from JSON writes back unchanged; {@link #columnOrDefault()} and
 * {@link #formatOrDefault()} give the effective values.
 *
 * @param column input field holding the time, or null for Druid's default {@code timestamp}
 * @param format {@code iso}, {@code posix}, {@code millis}, {@code micro}, {@code nano}, {@code auto} or a Joda
 *     pattern; null for {@code auto}
 * @param missingValue ISO-8601 time used when the column is absent or null, e.g. for files without any time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimestampSpec(String column, String format, String missingValue) {

    public static final String DEFAULT_COLUMN = "timestamp";
    public static final String DEFAULT_FORMAT = "auto";

    public TimestampSpec {
        if (column != null && column.isBlank()) {
            throw new InvalidSpecException("timestampSpec.column must not be blank");
        }
        if (format != null && format.isBlank()) {
            throw new InvalidSpecException("timestampSpec.format must not be blank");
        }
        if (missingValue != null && !isIsoTime(missingValue)) {
            throw InvalidSpecException.of(
                    "timestampSpec.missingValue must be an ISO-8601 time like 2000-01-01T00:00:00Z, got [%s]",
                    missingValue);
        }
    }

    public static TimestampSpec of(String column, String format) {
        return new TimestampSpec(column, format, null);
    }

    public String columnOrDefault() {
        return column == null ? DEFAULT_COLUMN : column;
    }

    public String formatOrDefault() {
        return format == null ? DEFAULT_FORMAT : format;
    }

    private static boolean isIsoTime(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate.parse(text);
                    return true;
                } catch (DateTimeParseException notDate) {
                    return false;
                }
            }
        }
    }
}
