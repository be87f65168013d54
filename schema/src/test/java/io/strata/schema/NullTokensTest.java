package io.strata.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link NullTokens} answers exactly what {@code Set.contains} answers, for strings and for characters. */
class NullTokensTest {

    private static final String LONG_TOKEN = "missing-".repeat(10);
    private static final Set<String> TOKENS = Set.of("", "NA", "N/A", "null", "-", "#N/A", "ø", "日本", LONG_TOKEN);

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(TOKENS).filter(t -> !t.isEmpty()),
                Arbitraries.of("N", "NAN", "n/a", "nul", "nulls", "--", "#N/", "ø!", "日", LONG_TOKEN + "!"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(5).withChars("NA/-#nulø日本"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(90));
    }

    @Property(tries = 2000)
    void agreesWithTheSet(@ForAll("values") String value) {
        NullTokens tokens = new NullTokens(TOKENS);
        char[] buffer = ("<<" + value + ">>").toCharArray();

        assertThat(tokens.contains(value)).isEqualTo(TOKENS.contains(value));
        assertThat(tokens.contains(buffer, 2, value.length())).isEqualTo(TOKENS.contains(value));
    }

    @Test
    void knowsTheDefaultTokens() {
        NullTokens tokens = new NullTokens(DetectionOptions.DEFAULT_NULL_TOKENS);

        assertThat(tokens.contains("NA")).isTrue();
        assertThat(tokens.contains("#N/A")).isTrue();
        assertThat(tokens.contains("-")).isTrue();
        assertThat(tokens.contains("-5")).isFalse();
        assertThat(tokens.contains("FR")).isFalse();
        assertThat(tokens.contains("Nan")).isFalse();
    }
}
