package io.strata.api.observability;

import io.micrometer.observation.ObservationRegistry;
import io.strata.api.analytics.DruidSql;
import io.strata.api.sql.DruidRows;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Strata's own meters and spans around its upstream calls ({@link DruidQueryTiming}). */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** Wraps whichever Druid transports are configured, so every query is timed whatever the caller. */
    @Bean
    static BeanPostProcessor druidQueryTiming(ObjectProvider<ObservationRegistry> observations) {
        return new BeanPostProcessor() {
            private DruidQueryTiming timing;

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DruidSql druid) {
                    return timing().timed(druid);
                }
                if (bean instanceof DruidRows druid) {
                    return timing().timed(druid);
                }
                return bean;
            }

            private DruidQueryTiming timing() {
                if (timing == null) {
                    timing = new DruidQueryTiming(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
                }
                return timing;
            }
        };
    }
}
