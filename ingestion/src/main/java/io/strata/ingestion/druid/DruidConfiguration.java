package io.strata.ingestion.druid;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class DruidConfiguration {

    @Bean
    TaskRunner druidTaskRunner(WebClient.Builder webClient, DruidSettings settings) {
        return new OverlordTaskRunner(webClient, settings);
    }
}
