package io.strata.schema.value;

import java.time.Year;
import java.time.ZoneOffset;

/** Calendar arithmetic shared by the parsers, without allocating. */
final class Dates {
    static final long MILLIS_PER_DAY = 86_400_000L;

    /** Joda's default two-digit year window: 50 years back to 49 ahead of the current year. */
    private static final int PIVOT_YEAR = Year.now(ZoneOffset.UTC).getValue();

    private Dates() {}

    static boolean valid(int year, int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
    }

    static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static int expandTwoDigitYear(int yy) {
        int low = PIVOT_YEAR - 50;
        int year = (low / 100) * 100 + yy;
        return year < low ? year + 100 : year;
    }
}
