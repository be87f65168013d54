package io.strata.api.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The shared tier of the result cache: Redis when {@code strata.analytics.cache.redis.enabled}, else none. */
@Configuration(proxyBeanMethods = false)
class SharedResultsConfiguration {

    @Bean
    SharedResults sharedResults(AnalyticsSettings settings, JsonMapper json, MeterRegistry registry) {
        AnalyticsSettings.Redis redis = settings.cache().redis();
        if (!settings.cache().enabled() || !redis.enabled()) {
            return SharedResults.NONE;
        }
        return new RedisSharedResults(redis.url(), redis.keyPrefix(), redis.ttl(), redis.timeout(), json, registry);
    }
}
