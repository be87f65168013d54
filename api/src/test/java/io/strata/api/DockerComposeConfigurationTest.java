package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingestion.druid.DruidSettings;
import io.strata.ingestion.events.KafkaSettings;
import io.strata.ingestion.storage.S3Settings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} configures Strata through environment variables; these bind to exactly the
 * settings Strata reads, and point at services the file defines, so a renamed property cannot silently leave
 * the Docker set-up starting the local stack instead.
 */
class DockerComposeConfigurationTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void strataServiceBindsEveryEndpointToAServiceOfTheFile() throws IOException {
        Map<String, Object> services = services();
        Binder binder = binderOver(environmentOf(services, "strata"));

        assertThat(binder.bind("strata.stack.enabled", Boolean.class).get()).isFalse();
        DruidSettings druid = binder.bind("strata.druid", DruidSettings.class).get();
        assertThat(hostsOf(druid.coordinatorUrl(), druid.brokerUrl()))
                .allSatisfy(h -> assertThat(services).containsKey(h));
        S3Settings s3 = binder.bind("strata.s3", S3Settings.class).get();
        assertThat(services).containsKey(s3.endpoint().getHost());
        assertThat(s3.pathStyleAccess()).isTrue();
        assertThat(s3.accessKey()).isNotBlank();
        KafkaSettings kafka = binder.bind("strata.kafka", KafkaSettings.class).get();
        assertThat(services).containsKey(kafka.bootstrapServers().split(":")[0]);
        String r2dbc = binder.bind("spring.r2dbc.url", String.class).get();
        assertThat(services)
                .containsKey(URI.create(r2dbc.substring("r2dbc:".length())).getHost());
        assertThat(binder.bind("spring.flyway.url", String.class).get()).startsWith("jdbc:postgresql://postgres:");
        String issuer = binder.bind("spring.security.oauth2.resourceserver.jwt.issuer-uri", String.class)
                .get();
        assertThat(services).containsKey(URI.create(issuer).getHost());
        assertThat(binder.bind("spring.profiles.active", String.class).get()).isNotEqualTo("local");
        assertThat(binder.bind("strata.security.roles-claim", String.class).get())
                .isEqualTo("realm_access.roles");
    }

    @Test
    void druidKeepsSegmentsInABucketTheFileCreatesAndThatIsNotStratasOwn() throws IOException {
        Map<String, Object> services = services();
        Map<String, String> druid = environmentOf(services, "coordinator");
        String bucket = druid.get("druid_storage_bucket");
        String buckets = String.valueOf(((Map<?, ?>) services.get("s3-buckets")).get("entrypoint"));

        assertThat(buckets).contains("s3://" + bucket);
        S3Settings s3 = binderOver(environmentOf(services, "strata"))
                .bind("strata.s3", S3Settings.class)
                .get();
        assertThat(s3.bucket()).isNotEqualTo(bucket);
        assertThat(druid.get("druid_s3_accessKey")).isEqualTo(s3.accessKey());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environmentOf(Map<String, Object> services, String service) {
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        assertThat(definition).as("service %s in docker-compose.yml", service).isNotNull();
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) definition.get("environment"))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    private static Binder binderOver(Map<String, String> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("compose", Map.copyOf(environment)));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static List<String> hostsOf(URI... uris) {
        return java.util.Arrays.stream(uris).map(URI::getHost).toList();
    }
}
