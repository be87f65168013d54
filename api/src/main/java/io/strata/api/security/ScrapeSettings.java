package io.strata.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} besides an {@code admin} ({@code strata.metrics.*}).
 *
 * @param scrapeToken a secret a scraper sends as {@code Authorization: Bearer <token>}; it opens
 *     {@code /actuator/prometheus} and nothing else. Unset (the default): only an admin's token scrapes. At least 32
 *     characters of the bearer-token alphabet ({@code A-Z a-z 0-9 - . _ ~ + /}), e.g. {@code openssl rand -hex 32}
 */
@ConfigurationProperties("strata.metrics")
public record ScrapeSettings(String scrapeToken) {

    static final int MIN_LENGTH = 32;

    public ScrapeSettings {
        if (scrapeToken != null && scrapeToken.isBlank()) {
            scrapeToken = null;
        }
        if (scrapeToken != null && (scrapeToken.length() < MIN_LENGTH || !scrapeToken.matches("[A-Za-z0-9._~+/-]+"))) {
            throw new IllegalArgumentException("strata.metrics.scrape-token must be at least " + MIN_LENGTH
                    + " characters of A-Z a-z 0-9 - . _ ~ + / (e.g. openssl rand -hex 32)");
        }
    }

    /** Never the secret itself. */
    @Override
    public String toString() {
        return "ScrapeSettings[scrapeToken=" + (scrapeToken == null ? "unset" : "set") + "]";
    }
}
