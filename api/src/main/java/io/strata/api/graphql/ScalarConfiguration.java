package io.strata.api.graphql;

import graphql.scalars.ExtendedScalars;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(InstantScalar.DATE_TIME)
                .scalar(ExtendedScalars.GraphQLLong)
                .scalar(ExtendedScalars.Json);
    }
}
