package io.strata.api.metadata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node's cache of dataset metadata ({@code strata.metadata.*}).
 *
 * @param cacheEnabled keep dataset rows, access rules and measures in memory while PostgreSQL's change notifications
 *     are received; off, every request reads them from PostgreSQL
 * @param maxEntries how many (kind, dataset) entries are kept
 * @param listenerCheckInterval how often the listening connection is asked whether it is alive; a connection lost
 *     without notice stops the cache from serving within this interval
 */
@ConfigurationProperties("strata.metadata")
public record MetadataSettings(Boolean cacheEnabled, Integer maxEntries, Duration listenerCheckInterval) {

    public MetadataSettings {
        cacheEnabled = cacheEnabled == null || cacheEnabled;
        maxEntries = maxEntries != null && maxEntries > 0 ? maxEntries : 10_000;
        listenerCheckInterval = listenerCheckInterval != null ? listenerCheckInterval : Duration.ofSeconds(2);
    }

    public static MetadataSettings defaults() {
        return new MetadataSettings(null, null, null);
    }
}
