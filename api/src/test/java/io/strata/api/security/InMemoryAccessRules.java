package io.strata.api.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link AccessRules} in memory, for unit tests of what reads them. */
public final class InMemoryAccessRules implements AccessRules {

    private final Map<String, List<AccessGrant>> grants = new ConcurrentHashMap<>();
    private final Map<String, List<RowPolicy>> policies = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    @Override
    public Mono<Map<String, DatasetRules>> of(Collection<String> datasets) {
        return Mono.fromSupplier(() -> {
            Map<String, DatasetRules> all = new HashMap<>();
            for (String dataset : datasets) {
                all.put(
                        dataset,
                        new DatasetRules(
                                dataset,
                                grants.getOrDefault(dataset, List.of()),
                                policies.getOrDefault(dataset, List.of())));
            }
            return all;
        });
    }

    @Override
    public synchronized Mono<AccessGrant> grant(AccessGrant grant, SecurityScope admin) {
        AccessGrant granted = new AccessGrant(
                grant.dataset(), grant.kind(), grant.principal(), grant.permission(), admin.subject(), Instant.now());
        List<AccessGrant> list = new ArrayList<>(grants.getOrDefault(grant.dataset(), List.of()));
        list.removeIf(g -> g.kind() == grant.kind() && g.principal().equals(grant.principal()));
        list.add(granted);
        grants.put(grant.dataset(), List.copyOf(list));
        versions.merge(grant.dataset(), 1L, Long::sum);
        return Mono.just(granted);
    }

    @Override
    public synchronized Mono<Boolean> revoke(
            String dataset, PrincipalKind kind, String principal, SecurityScope admin) {
        List<AccessGrant> list = new ArrayList<>(grants.getOrDefault(dataset, List.of()));
        boolean removed = list.removeIf(g -> g.kind() == kind && g.principal().equals(principal));
        grants.put(dataset, List.copyOf(list));
        if (removed) {
            versions.merge(dataset, 1L, Long::sum);
        }
        return Mono.just(removed);
    }

    @Override
    public synchronized Mono<RowPolicy> setPolicy(RowPolicy policy, SecurityScope admin) {
        List<RowPolicy> list = new ArrayList<>(policies.getOrDefault(policy.dataset(), List.of()));
        list.removeIf(p -> p.name().equals(policy.name()));
        list.add(policy);
        policies.put(policy.dataset(), List.copyOf(list));
        versions.merge(policy.dataset(), 1L, Long::sum);
        return Mono.just(policy);
    }

    @Override
    public synchronized Mono<Boolean> dropPolicy(String dataset, String name, SecurityScope admin) {
        List<RowPolicy> list = new ArrayList<>(policies.getOrDefault(dataset, List.of()));
        boolean removed = list.removeIf(p -> p.name().equals(name));
        policies.put(dataset, List.copyOf(list));
        if (removed) {
            versions.merge(dataset, 1L, Long::sum);
        }
        return Mono.just(removed);
    }

    @Override
    public Flux<SecurityVersion> versions() {
        return Flux.defer(() -> Flux.fromIterable(List.copyOf(versions.entrySet()))
                .map(e -> new SecurityVersion(e.getKey(), e.getValue())));
    }
}
