package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampDetectionTest {

    private static DetectionResult oneColumn(String name, String... values) {
        return Detect.text("t.csv", name + ",n\n" + String.join(",1\n", values) + ",1\n");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-01-31|iso|2024-01-31T00:00:00Z",
                "2024-01-31T10:15|iso|2024-01-31T10:15:00Z",
                "2024-01-31T10:15:30.123Z|iso|2024-01-31T10:15:30.123Z",
                "2024-01-31T10:15:30+02:00|iso|2024-01-31T08:15:30Z",
                "2024-01-31 10:15:30|auto|2024-01-31T10:15:30Z",
                "2024/01/31 10:15:30|yyyy/MM/dd HH:mm:ss|2024-01-31T10:15:30Z",
                "Jan 1 2000|MMM d yyyy|2000-01-01T00:00:00Z",
                "Jun 12 1998|MMM dd yyyy|1998-06-12T00:00:00Z",
                "05-Jan-99|dd-MMM-yy|1999-01-05T00:00:00Z",
                "20240131|yyyyMMdd|2024-01-31T00:00:00Z",
                "01312024|MMddyyyy|2024-01-31T00:00:00Z",
                "1/31/2024 3:04 PM|M/dd/yyyy h:mm a|2024-01-31T15:04:00Z",
                "31.01.2024|dd.MM.yyyy|2024-01-31T00:00:00Z",
            })
    void recognisesCommonTimestampWritingsWithTheirDruidFormat(String value, String format, String instant) {
        DetectionResult r = oneColumn("when", value, value);

        ColumnSchema when = column(r, "when");
        assertThat(when.type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(when.timestampFormat()).isEqualTo(format);
        assertThat(r.sample().get(0)).containsEntry("when", Instant.parse(instant));
        assertThat(r.schema().timestamp().column()).isEqualTo("when");
        assertThat(r.schema().timestamp().format()).isEqualTo(format);
    }

    @Test
    void decidesDayFirstWhenAFirstFieldIsAboveTwelve() {
        DetectionResult r = oneColumn("date", "03/04/2020", "13/04/2020", "01/12/2020");

        ColumnSchema date = column(r, "date");
        assertThat(date.timestampFormat()).isEqualTo("dd/MM/yyyy");
        assertThat(date.reason()).contains("'13/04/2020' (row 2) rules out MM/dd/yyyy");
        assertThat(r.sample().get(0)).containsEntry("date", Instant.parse("2020-04-03T00:00:00Z"));
    }

    @Test
    void decidesMonthFirstWhenASecondFieldIsAboveTwelve() {
        DetectionResult r = oneColumn("date", "3/4/2020", "4/13/2020");

        assertThat(column(r, "date").timestampFormat()).isEqualTo("M/d/yyyy");
    }

    @Test
    void assumesMonthFirstForAmbiguousDatesAndSaysSo() {
        DetectionResult r = oneColumn("date", "3/4/2020", "5/6/2020");

        assertThat(column(r, "date").timestampFormat()).isEqualTo("M/d/yyyy");
        assertThat(column(r, "date").reason()).contains("ambiguous").contains("alternative d/M/yyyy");
    }

    @Test
    void readsAmbiguousDatesDayFirstWhenTheOptionSaysSo() {
        DetectionOptions options = DetectionOptions.builder()
                .dateOrder(DetectionOptions.DateOrder.DAY_FIRST)
                .build();
        DetectionResult r = Detect.text("t.csv", "date\n3/4/2020\n5/6/2020\n", options);

        assertThat(column(r, "date").timestampFormat()).isEqualTo("d/M/yyyy");
        assertThat(r.sample().get(0)).containsEntry("date", Instant.parse("2020-04-03T00:00:00Z"));
    }

    @Test
    void readsTwoDigitYears() {
        DetectionResult r = oneColumn("d", "1/5/99", "12/31/05");

        assertThat(column(r, "d").timestampFormat()).isEqualTo("M/d/yy");
        assertThat(r.sample().get(1)).containsEntry("d", Instant.parse("2005-12-31T00:00:00Z"));
    }

    @ParameterizedTest(name = "{1} magnitude is {2}")
    @CsvSource({
        "ts,1700000000,posix,2023-11-14T22:13:20Z",
        "created_at,1700000000123,millis,2023-11-14T22:13:20.123Z",
        "eventTime,1700000000123456,micro,2023-11-14T22:13:20.123Z",
        "time,1700000000123456789,nano,2023-11-14T22:13:20.123Z",
    })
    void readsEpochNumbersByMagnitudeWhenTheNameSaysTime(String name, String value, String format, String instant) {
        DetectionResult r = oneColumn(name, value, value);

        assertThat(column(r, name).type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(column(r, name).timestampFormat()).isEqualTo(format);
        assertThat(r.sample().get(0)).containsEntry(name, Instant.parse(instant));
    }

    @Test
    void keepsEpochSizedNumbersAsNumbersWhenTheNameDoesNotSayTime() {
        DetectionResult r = oneColumn("user_id", "1700000000", "1700000001");

        assertThat(column(r, "user_id").type()).isEqualTo(ColumnType.LONG);
        assertThat(column(r, "user_id").role()).isEqualTo(ColumnRole.DIMENSION);
    }

    @Test
    void rejectsATimestampColumnWhenOneSampledValueDoesNotParse() {
        DetectionResult r = oneColumn("date", "2024-01-01", "2024-01-02", "soon");

        assertThat(column(r, "date").type()).isEqualTo(ColumnType.STRING);
        assertThat(r.schema().timestamp().column()).isNull();
        assertThat(r.schema().timestamp().reasons())
                .anySatisfy(s -> assertThat(s).contains("[date] is named like a time"));
    }

    @Test
    void rejectsImpossibleDates() {
        DetectionResult r = oneColumn("date", "2024-02-30", "2024-02-01");

        assertThat(column(r, "date").type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void reportsTimestampsAfterTheSampleThatDoNotParseWithTheirRows() {
        StringBuilder csv = new StringBuilder("ts,v\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i == 25 ? "2024-13-01" : "2024-01-%02d".formatted(i)).append(",1\n");
        }
        DetectionResult r = Detect.text(
                "t.csv",
                csv.toString(),
                DetectionOptions.builder().inferenceRows(10).build());

        assertThat(column(r, "ts").profile().invalidSamples())
                .containsExactly(new InvalidValue(25, "2024-13-01", "is not a timestamp in format iso"));
        assertThat(r.schema().timestamp().reasons().get(0)).contains("29 of 30 values parse");
    }

    @Test
    void choosesThePrimaryTimestampWithReasonsAndAlternatives() {
        String csv = "shipped,order_time,n\n"
                + "2024-03-05,2024-01-01T00:00:00Z,1\n"
                + "2024-01-02,2024-01-01T01:00:00Z,2\n"
                + "2024-02-01,2024-01-01T02:00:00Z,3\n";
        DetectionResult r = Detect.text("o.csv", csv);

        TimestampChoice ts = r.schema().timestamp();
        assertThat(ts.column()).isEqualTo("order_time");
        assertThat(ts.format()).isEqualTo("iso");
        assertThat(ts.alternatives()).containsExactly("shipped");
        assertThat(ts.confidence()).isGreaterThan(0.9);
        assertThat(ts.reasons()).anySatisfy(s -> assertThat(s).contains("name reads like a time"));
        assertThat(ts.reasons()).anySatisfy(s -> assertThat(s).contains("never go back in time"));
        assertThat(column(r, "order_time").role()).isEqualTo(ColumnRole.TIMESTAMP);
        assertThat(column(r, "shipped").role()).isEqualTo(ColumnRole.DIMENSION);
    }

    @Test
    void usesTheTimestampColumnAndFormatTheOptionsName() {
        DetectionOptions options =
                DetectionOptions.builder().timestamp("day", "yyyy.MM.dd").build();
        DetectionResult r = Detect.text("o.csv", "day,n\n2024.01.05,1\n", options);

        assertThat(r.schema().timestamp().column()).isEqualTo("day");
        assertThat(r.schema().timestamp().format()).isEqualTo("yyyy.MM.dd");
        assertThat(r.sample().get(0)).containsEntry("day", Instant.parse("2024-01-05T00:00:00Z"));
    }

    @Test
    void saysSoWhenNoColumnHoldsTimestamps() {
        DetectionResult r = Detect.text("o.csv", "a,b\nx,1\n");

        assertThat(r.schema().timestamp().column()).isNull();
        assertThat(r.schema().timestamp().confidence()).isZero();
        assertThat(r.schema().timestamp().reasons().get(0)).contains("no column holds timestamps");
    }
}
