package io.strata.api.security;

import io.strata.api.metadata.MetadataCache;
import io.strata.ingestion.StrataException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides what a caller may do with a dataset, from its rules ({@link DatasetRules}), at every use. The rules come
 * through the node's {@link MetadataCache}, which drops them the moment a change commits here and as soon as its
 * notification arrives elsewhere, so a revoked grant or a new policy holds from the next request on, on every node.
 *
 * <p>A dataset the caller may not read is answered exactly as a dataset that does not exist (NOT_FOUND, same
 * message), everywhere: in queries, subscriptions, task lookups and uploads. So an unauthorized caller cannot even
 * learn that it exists. A caller who may read but not write gets FORBIDDEN when writing.
 */
@Service
public class DatasetAccess {

    private final AccessRules rules;
    private final MetadataCache cache;

    public DatasetAccess(AccessRules rules, MetadataCache cache) {
        this.rules = rules;
        this.cache = cache;
    }

    /** The message of a dataset that does not exist, or that the caller may not know exists. */
    public static StrataException.NotFound notFound(String dataset) {
        return new StrataException.NotFound("dataset '" + dataset + "' does not exist");
    }

    /** The rows of {@code dataset} {@code caller} may see; NOT_FOUND when they may not read it at all. */
    public Mono<RowFilter> read(String dataset, SecurityScope caller) {
        return rulesOf(dataset)
                .flatMap(found -> found.allows(caller, Permission.READ)
                        ? Mono.just(found.rows(caller))
                        : Mono.error(notFound(dataset)));
    }

    /**
     * Completes when {@code caller} may write into {@code dataset}; NOT_FOUND when they may not read it, FORBIDDEN
     * when they may read but not write.
     */
    public Mono<Void> write(String dataset, SecurityScope caller) {
        return rulesOf(dataset).flatMap(found -> {
            if (found.allows(caller, Permission.WRITE)) {
                return Mono.empty();
            }
            if (!found.allows(caller, Permission.READ)) {
                return Mono.error(notFound(dataset));
            }
            return Mono.error(new StrataException.Forbidden("you may read dataset '" + dataset + "' but not write "
                    + "into it: ask an admin for WRITE access (grantDatasetAccess)"));
        });
    }

    public Mono<Boolean> canRead(String dataset, SecurityScope caller) {
        return rulesOf(dataset).map(found -> found.allows(caller, Permission.READ));
    }

    /** The items of {@code items} whose dataset {@code caller} may read, in order; one rules query per batch. */
    public <T> Flux<T> readable(Flux<T> items, Function<T, String> dataset, SecurityScope caller) {
        if (caller.isAdmin()) {
            return items;
        }
        return items.buffer(256).concatMap(batch -> {
            Set<String> names = new LinkedHashSet<>();
            batch.forEach(item -> names.add(dataset.apply(item)));
            return rules.of(names).flatMapIterable(all -> readableOf(batch, dataset, caller, all));
        });
    }

    private Mono<DatasetRules> rulesOf(String dataset) {
        return cache.get(MetadataCache.Kind.RULES, dataset, () -> rules.of(dataset));
    }

    private static <T> List<T> readableOf(
            List<T> batch, Function<T, String> dataset, SecurityScope caller, Map<String, DatasetRules> all) {
        return batch.stream()
                .filter(item -> all.get(dataset.apply(item)).allows(caller, Permission.READ))
                .toList();
    }
}
