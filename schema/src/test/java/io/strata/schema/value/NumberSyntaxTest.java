package io.strata.schema.value;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link NumberSyntax} reads decimals to exactly the double {@link Double#parseDouble} gives (its fast path for short
 * mantissas and its fallback alike), with or without thousands separators and with either decimal separator.
 */
class NumberSyntaxTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0.05|DECIMAL|0.05",
                "-0.0|DECIMAL|-0.0",
                "-.5|DECIMAL|-0.5",
                ".5|DECIMAL|0.5",
                "+1.25|DECIMAL|1.25",
                "5.|DECIMAL|5.0",
                "1,234.5|DECIMAL|1234.5",
                "9007199254740993.0|DECIMAL|9007199254740992.0",
                "0.1000000000000000055511151231257827|DECIMAL|0.1",
                "1e3|DECIMAL|1000.0",
                "12|INTEGER|12.0",
                "9223372036854775808|DECIMAL|9.223372036854775808E18",
                "00123|LEADING_ZERO|NaN",
                "01.5|LEADING_ZERO|NaN",
                "1.2.3|NOT_A_NUMBER|NaN",
                "1,23|NOT_A_NUMBER|NaN",
                "-|NOT_A_NUMBER|NaN",
                ".|NOT_A_NUMBER|NaN",
                "1e|NOT_A_NUMBER|NaN",
                "abc|NOT_A_NUMBER|NaN",
            })
    void classifiesAndReadsWithADecimalPoint(String text, NumberSyntax.Kind kind, double value) {
        NumberSyntax point = new NumberSyntax('.');

        assertThat(point.classify(text)).isEqualTo(kind);
        if (!Double.isNaN(value)) {
            assertThat(point.doubleValue()).isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'1.234,5'|DECIMAL|1234.5",
                "'0,05'|DECIMAL|0.05",
                "'1 234,5'|DECIMAL|1234.5",
                "'-3,0'|DECIMAL|-3.0",
            })
    void readsADecimalComma(String text, NumberSyntax.Kind kind, double value) {
        NumberSyntax comma = new NumberSyntax(',');

        assertThat(comma.classify(text)).isEqualTo(kind);
        assertThat(comma.doubleValue()).isEqualTo(value);
        assertThat(comma.needsRewriting()).isTrue();
    }

    /** A decimal written plainly: sign, integer digits, fraction digits, maybe an exponent. */
    record Decimal(String sign, String integer, String fraction, String exponent) {
        String plain() {
            return sign + integer + "." + fraction + exponent;
        }

        /** The same number with thousands separators and the decimal separator given. */
        String grouped(char group, char decimal) {
            StringBuilder b = new StringBuilder(sign);
            for (int i = 0; i < integer.length(); i++) {
                if (i > 0 && (integer.length() - i) % 3 == 0) {
                    b.append(group);
                }
                b.append(integer.charAt(i));
            }
            return b.append(decimal).append(fraction).append(exponent).toString();
        }
    }

    @Provide
    Arbitrary<Decimal> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> integer = Arbitraries.oneOf(
                Arbitraries.just("0"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).filter(s -> s.charAt(0) != '0'));
        Arbitrary<String> fraction =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> exponent = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.just(""),
                Arbitraries.integers().between(-320, 320).map(e -> "e" + e));
        return Combinators.combine(sign, integer, fraction, exponent).as(Decimal::new);
    }

    @Property(tries = 2000)
    void decimalsReadAsJavaReadsThem(@ForAll("decimals") Decimal d) {
        NumberSyntax point = new NumberSyntax('.');

        assertThat(point.classify(d.plain())).isEqualTo(NumberSyntax.Kind.DECIMAL);
        assertThat(point.doubleValue()).isEqualTo(Double.parseDouble(d.plain()));
    }

    @Property(tries = 1000)
    void groupedDecimalsReadAsTheirPlainWriting(@ForAll("decimals") Decimal d) {
        NumberSyntax point = new NumberSyntax('.');
        NumberSyntax comma = new NumberSyntax(',');
        double expected = Double.parseDouble(d.plain());

        assertThat(point.classify(d.grouped(',', '.'))).isEqualTo(NumberSyntax.Kind.DECIMAL);
        assertThat(point.doubleValue()).isEqualTo(expected);
        assertThat(comma.classify(d.grouped('.', ','))).isEqualTo(NumberSyntax.Kind.DECIMAL);
        assertThat(comma.doubleValue()).isEqualTo(expected);
        assertThat(comma.needsRewriting()).isTrue();
    }

    @Property(tries = 500)
    void integersKeepTheirLongValue(@ForAll long value) {
        Assume.that(value != Long.MIN_VALUE); // its magnitude is read first, and overflows: a DECIMAL
        NumberSyntax point = new NumberSyntax('.');

        assertThat(point.classify(Long.toString(value))).isEqualTo(NumberSyntax.Kind.INTEGER);
        assertThat(point.longValue()).isEqualTo(value);
        assertThat(point.doubleValue()).isEqualTo((double) value);
    }

    @Property(tries = 500)
    void shortDecimalsOfEveryScaleAreExact(
            @ForAll("mantissas") long mantissa, @ForAll("scales") int scale, @ForAll boolean negative) {
        String digits = Long.toString(mantissa);
        while (digits.length() <= scale) {
            digits = "0" + digits;
        }
        String text = (negative ? "-" : "") + digits.substring(0, digits.length() - scale) + "."
                + digits.substring(digits.length() - scale);
        NumberSyntax point = new NumberSyntax('.');

        assertThat(point.classify(text)).isEqualTo(NumberSyntax.Kind.DECIMAL);
        assertThat(point.doubleValue()).isEqualTo(Double.parseDouble(text));
    }

    @Provide
    Arbitrary<Long> mantissas() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between((1L << 53) - 1000, (1L << 53) + 1000),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Integer> scales() {
        return Arbitraries.integers().between(0, 24);
    }
}
