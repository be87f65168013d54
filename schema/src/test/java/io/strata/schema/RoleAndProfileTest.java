package io.strata.schema;

import static io.strata.schema.Detect.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoleAndProfileTest {

    private static DetectionResult generated() {
        String csv = IntStream.range(0, 200)
                .mapToObj(i -> String.join(
                        ",",
                        "u" + (i % 50),
                        Integer.toString(1000 + i),
                        Integer.toString(2000 + i % 20),
                        Integer.toString(i % 3),
                        Integer.toString(i * 7),
                        (i * 1.5) + "",
                        (45 + i / 1000.0) + "",
                        (-73 - i / 1000.0) + "",
                        i % 10 == 0 ? "" : "c" + (i % 4)))
                .collect(Collectors.joining("\n", "user,order_id,year,tier,quantity,revenue,lat,lng,category\n", "\n"));
        return Detect.text("g.csv", csv);
    }

    @Test
    void givesMeasuresTheMetricRoleAndIdsYearsCategoriesAndCoordinatesTheDimensionRole() {
        DetectionResult r = generated();

        assertThat(r.schema().columns().stream().collect(Collectors.toMap(ColumnSchema::druidName, ColumnSchema::role)))
                .isEqualTo(Map.of(
                        "user", ColumnRole.DIMENSION,
                        "order_id", ColumnRole.DIMENSION,
                        "year", ColumnRole.DIMENSION,
                        "tier", ColumnRole.DIMENSION,
                        "quantity", ColumnRole.METRIC,
                        "revenue", ColumnRole.METRIC,
                        "lat", ColumnRole.DIMENSION,
                        "lng", ColumnRole.DIMENSION,
                        "category", ColumnRole.DIMENSION));
        assertThat(column(r, "tier").reason()).contains("3 distinct integers");
        assertThat(column(r, "lat").reason()).contains("latitude");
    }

    @Test
    void keepsFewDistinctIntegersNamedLikeAnAmountAsMeasures() {
        String csv = IntStream.range(0, 1000)
                .mapToObj(i -> "2024-01-01T00:00:" + String.format("%02d", i % 60) + "Z," + (1 + i % 9) + "," + (i % 5))
                .collect(Collectors.joining("\n", "timestamp,quantity,rating\n", "\n"));
        DetectionResult r = Detect.text("basket.csv", csv);

        assertThat(column(r, "quantity").role()).isEqualTo(ColumnRole.METRIC);
        assertThat(column(r, "quantity").reason()).contains("named like an amount");
        assertThat(column(r, "rating").role()).isEqualTo(ColumnRole.DIMENSION);
        assertThat(column(r, "rating").reason()).contains("5 distinct integers");
    }

    @Test
    void profilesNullsMinMaxDistinctAndTopValues() {
        DetectionResult r = generated();

        ColumnProfile category = column(r, "category").profile();
        assertThat(category.nulls()).isEqualTo(20);
        assertThat(category.min()).isEqualTo("c0");
        assertThat(category.max()).isEqualTo("c3");
        assertThat(category.approxDistinct()).isEqualTo(4);
        assertThat(category.topValues()).hasSize(4);
        long total = category.topValues().stream().mapToLong(ValueCount::count).sum();
        assertThat(total).isEqualTo(180);

        ColumnProfile quantity = column(r, "quantity").profile();
        assertThat(quantity.min()).isEqualTo("0");
        assertThat(quantity.max()).isEqualTo("1393");
        assertThat(quantity.approxDistinct()).isBetween(196L, 204L);
        assertThat(quantity.topValues()).as("metrics have no top values").isEmpty();

        assertThat(column(r, "user").profile().topValues().get(0)).isEqualTo(new ValueCount("u0", 4));
    }

    @Test
    void appliesTypeAndRoleOverridesByColumnName() {
        DetectionOptions options = DetectionOptions.builder()
                .typeOverrides(Map.of("quantity", ColumnType.DOUBLE, "year", ColumnType.STRING))
                .roleOverrides(Map.of("tier", ColumnRole.METRIC))
                .build();
        String csv = "year,tier,quantity\n2020,1,5\n2021,2,6\n";
        DetectionResult r = Detect.text("o.csv", csv, options);

        assertThat(column(r, "quantity").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(column(r, "quantity").reason()).contains("set by option");
        assertThat(column(r, "year").type()).isEqualTo(ColumnType.STRING);
        assertThat(column(r, "tier").role()).isEqualTo(ColumnRole.METRIC);
        assertThat(r.sample().get(0)).containsEntry("quantity", 5.0).containsEntry("year", "2020");
    }
}
