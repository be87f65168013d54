package io.strata.api.stack;

import io.strata.stack.Component;
import io.strata.stack.SharedStack;
import io.strata.stack.StackEndpoints;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: every service whose endpoint is not configured is started by the local stack before
 * the application context needs it, and its endpoint is added as the lowest-priority property source.
 *
 * <p>Configured endpoints ({@code strata.druid.broker-url}, {@code strata.s3.endpoint},
 * {@code strata.kafka.bootstrap-servers}, {@code spring.r2dbc.url}) start nothing. {@code strata.stack.enabled=false}
 * starts nothing at all.
 */
public class LocalStackEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "strataLocalStack";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("strata.stack.enabled", Boolean.class, true)
                || environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Set<Component> missing = EnumSet.noneOf(Component.class);
        if (!environment.containsProperty("strata.druid.broker-url")) {
            missing.add(Component.DRUID);
        }
        if (!environment.containsProperty("strata.s3.endpoint")) {
            missing.add(Component.S3);
        }
        if (!environment.containsProperty("strata.kafka.bootstrap-servers")) {
            missing.add(Component.KAFKA);
        }
        if (!environment.containsProperty("spring.r2dbc.url")) {
            missing.add(Component.POSTGRES);
        }
        if (missing.isEmpty()) {
            return;
        }
        if (missing.contains(Component.DRUID) && !missing.contains(Component.S3)) {
            throw new IllegalStateException("strata.s3.endpoint is configured but strata.druid.broker-url is not: the "
                    + "local Druid keeps its segments in the local S3 store. Configure strata.druid.* as well, or "
                    + "neither");
        }
        // Spring Boot holds all logging back until the logging system is initialised, which is after this
        // runs: the console is the only place to say why the first seconds are quiet.
        System.out.println("Strata: starting the local stack for " + missing + " (logs under "
                + environment.getProperty("strata.stack.home", ".strata/stack") + "/log) ...");
        long began = System.nanoTime();
        StackEndpoints endpoints = SharedStack.endpoints(environment::getProperty, missing);
        System.out.printf("Strata: local stack ready in %.1f s%n", (System.nanoTime() - began) / 1_000_000_000.0);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties(endpoints, missing)));
    }

    private static Map<String, Object> properties(StackEndpoints endpoints, Set<Component> started) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (started.contains(Component.DRUID)) {
            properties.put("strata.druid.coordinator-url", endpoints.druidCoordinatorUrl());
            properties.put("strata.druid.broker-url", endpoints.druidBrokerUrl());
        }
        if (started.contains(Component.S3)) {
            properties.put("strata.s3.endpoint", endpoints.s3Endpoint());
            properties.put("strata.s3.region", endpoints.s3Region());
            properties.put("strata.s3.access-key", endpoints.s3AccessKey());
            properties.put("strata.s3.secret-key", endpoints.s3SecretKey());
            properties.put("strata.s3.path-style-access", "true");
        }
        if (started.contains(Component.KAFKA)) {
            properties.put("strata.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
        }
        if (started.contains(Component.POSTGRES)) {
            properties.put("spring.r2dbc.url", endpoints.r2dbcUrl());
            properties.put("spring.r2dbc.username", endpoints.postgresUser());
            properties.put("spring.r2dbc.password", endpoints.postgresPassword());
            properties.put("spring.flyway.url", endpoints.jdbcUrl());
            properties.put("spring.flyway.user", endpoints.postgresUser());
            properties.put("spring.flyway.password", endpoints.postgresPassword());
        }
        return properties;
    }
}
