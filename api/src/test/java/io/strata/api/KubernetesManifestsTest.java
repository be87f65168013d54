package io.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code infra/k8s}: no kubectl, kustomize or helm is installable here, so the manifests are parsed and held to what
 * a cluster needs of Strata: every file a kustomization names exists and parses; the Deployment runs 2+ non-root
 * replicas with probes on Boot's liveness and readiness groups, resources and the HTTP and SQL ports; the Service
 * carries both ports; the HPA, the PDB and the Ingress point at it; configuration comes from the ConfigMap and the
 * Secret, and never starts the local stack.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "infra", "k8s");

    @Test
    void everyKustomizationNamesFilesThatExistAndParse() throws IOException {
        for (Path kustomization : List.of(
                K8S.resolve("base/kustomization.yaml"), K8S.resolve("overlays/production/kustomization.yaml"))) {
            Map<String, Object> k = single(kustomization);
            assertThat(k).containsEntry("kind", "Kustomization");
            List<String> files = new ArrayList<>(strings(k.get("resources")));
            for (Object patch : list(k.get("patches"))) {
                files.add((String) map(patch).get("path"));
            }
            for (String file : files) {
                Path resolved = kustomization.resolveSibling(file);
                assertThat(resolved).as("%s names %s", kustomization, file).exists();
                if (Files.isRegularFile(resolved)) {
                    assertThat(documents(resolved))
                            .allSatisfy(d -> assertThat(d).containsKeys("apiVersion", "kind"));
                }
            }
        }
    }

    @Test
    void theDeploymentRunsTwoOrMoreNonRootReplicasWithProbesResourcesAndBothPorts() throws IOException {
        Map<String, Object> deployment = resource("Deployment");
        assertThat(deployment).containsEntry("apiVersion", "apps/v1");
        Map<String, Object> spec = map(deployment.get("spec"));
        assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
        Map<String, Object> template = map(spec.get("template"));
        assertThat(map(map(template.get("metadata")).get("labels"))).containsAllEntriesOf(selector);

        Map<String, Object> pod = map(template.get("spec"));
        assertThat(map(pod.get("securityContext")))
                .containsEntry("runAsNonRoot", true)
                .hasEntrySatisfying(
                        "runAsUser", uid -> assertThat((Integer) uid).isPositive());
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        assertThat(map(container.get("securityContext")))
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true);
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(map(map(container.get("resources")).get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
        assertThat(list(container.get("ports")))
                .extracting(p -> map(p).get("containerPort"))
                .contains(8080, 15432);
        assertThat(list(container.get("envFrom")))
                .extracting(e -> map(e).containsKey("configMapRef")
                        ? "configMap:" + map(map(e).get("configMapRef")).get("name")
                        : "secret:" + map(map(e).get("secretRef")).get("name"))
                .containsExactlyInAnyOrder("configMap:strata-config", "secret:strata-secrets");

        Map<String, Object> config = map(resource("ConfigMap").get("data"));
        assertThat(config)
                .containsEntry("STRATA_STACK_ENABLED", "false")
                .containsKeys(
                        "STRATA_DRUID_COORDINATOR_URL",
                        "STRATA_DRUID_BROKER_URL",
                        "STRATA_S3_ENDPOINT",
                        "STRATA_KAFKA_BOOTSTRAP_SERVERS",
                        "SPRING_R2DBC_URL",
                        "SPRING_FLYWAY_URL",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        assertThat((String) config.get("SPRING_PROFILES_ACTIVE")).isNotEqualTo("local");
        String secrets = Files.readString(K8S.resolve("overlays/production/secrets.env.example"));
        assertThat(secrets).contains("SPRING_R2DBC_PASSWORD=", "STRATA_S3_SECRET_KEY=", "STRATA_METRICS_SCRAPE_TOKEN=");
        assertThat(config.keySet()).noneMatch(key -> key.contains("PASSWORD") || key.contains("SECRET"));
    }

    @Test
    void theServiceAutoscalerBudgetAndIngressPointAtStrata() throws IOException {
        Map<String, Object> service = map(resource("Service").get("spec"));
        assertThat(list(service.get("ports")))
                .extracting(p -> map(p).get("targetPort"))
                .containsExactlyInAnyOrder("http", "sql");
        assertThat(list(service.get("ports")))
                .extracting(p -> map(p).get("port"))
                .contains(15432);

        Map<String, Object> hpa = resource("HorizontalPodAutoscaler");
        assertThat(hpa).containsEntry("apiVersion", "autoscaling/v2");
        assertThat(path(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("strata");
        assertThat((Integer) path(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);

        Map<String, Object> pdb = resource("PodDisruptionBudget");
        assertThat(pdb).containsEntry("apiVersion", "policy/v1");
        assertThat(path(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/name"))
                .isEqualTo("strata");

        Map<String, Object> ingress = resource("Ingress");
        assertThat(ingress).containsEntry("apiVersion", "networking.k8s.io/v1");
        Map<String, Object> annotations = map(path(ingress, "metadata", "annotations"));
        assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("WebSocket subscriptions outlive nginx's default 60 s")
                .isGreaterThan(60);
        Map<String, Object> rule = map(list(path(ingress, "spec", "rules")).get(0));
        Map<String, Object> backend =
                map(map(list(path(rule, "http", "paths")).get(0)).get("backend"));
        assertThat(path(backend, "service", "name")).isEqualTo("strata");
        assertThat(list(path(ingress, "spec", "tls"))).isNotEmpty();
    }

    private static Map<String, Object> resource(String kind) throws IOException {
        try (Stream<Path> files = Files.list(K8S.resolve("base"))) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                documents(file).stream().filter(d -> kind.equals(d.get("kind"))).forEach(found::add);
            }
            assertThat(found).as("one %s in infra/k8s/base", kind).hasSize(1);
            return found.get(0);
        }
    }

    private static Map<String, Object> single(Path file) throws IOException {
        List<Map<String, Object>> documents = documents(file);
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
            return documents;
        }
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = map(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }
}
