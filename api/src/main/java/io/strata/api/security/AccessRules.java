package io.strata.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where datasets' access lists and row policies are kept. Reads are current (never cached), so a change holds from
 * the next request on, on every node. Changes are audited with the admin who made them.
 */
public interface AccessRules {

    /** The rules of each of {@code datasets} (an open dataset without policies when none were set). */
    Mono<Map<String, DatasetRules>> of(Collection<String> datasets);

    /** The dataset's rules. */
    default Mono<DatasetRules> of(String dataset) {
        return of(List.of(dataset)).map(all -> all.get(dataset));
    }

    /** Grants (or changes) {@code grant}'s permission to its principal. */
    Mono<AccessGrant> grant(AccessGrant grant, SecurityScope admin);

    /** Removes the principal's grant; false when it had none. */
    Mono<Boolean> revoke(String dataset, PrincipalKind kind, String principal, SecurityScope admin);

    /** Creates or replaces a row policy. */
    Mono<RowPolicy> setPolicy(RowPolicy policy, SecurityScope admin);

    /** Removes a row policy; false when there was none of that name. */
    Mono<Boolean> dropPolicy(String dataset, String name, SecurityScope admin);

    /** The security version of every dataset whose rules ever changed. */
    Flux<SecurityVersion> versions();

    /** The version of a dataset's rules: advanced by every change to its grants or policies. */
    record SecurityVersion(String dataset, long version) {}
}
