package io.strata.api.security.admin;

import io.strata.api.analytics.DatasetCatalog;
import io.strata.api.analytics.DatasetDirectory;
import io.strata.api.security.AccessGrant;
import io.strata.api.security.AccessRules;
import io.strata.api.security.ClaimPath;
import io.strata.api.security.DatasetRules;
import io.strata.api.security.Permission;
import io.strata.api.security.PrincipalKind;
import io.strata.api.security.RowPolicy;
import io.strata.api.security.SecurityScope;
import io.strata.api.security.SecurityScopes;
import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.StrataException;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * Admins manage who may use a dataset and which of its rows: grants and row policies (GraphQL). The admin role is
 * required before anything runs ({@code OperationPolicy}); every change is audited with the admin's name in the
 * change's own transaction. A dataset need not exist yet, so it can be restricted before its first upload.
 */
@Controller
class AccessController {

    private final AccessRules rules;
    private final SecurityScopes scopes;
    private final DatasetDirectory directory;
    private final DatasetCatalog catalog;

    AccessController(AccessRules rules, SecurityScopes scopes, DatasetDirectory directory, DatasetCatalog catalog) {
        this.rules = rules;
        this.scopes = scopes;
        this.directory = directory;
        this.catalog = catalog;
    }

    @QueryMapping
    Mono<DatasetRules> datasetAccess(@Argument String dataset) {
        return Mono.defer(() -> rules.of(DatasetNames.require(dataset)));
    }

    @MutationMapping
    Mono<AccessGrant> grantDatasetAccess(
            @Argument String dataset, @Argument PrincipalInput principal, @Argument Permission permission) {
        return admin(caller -> rules.grant(
                new AccessGrant(
                        DatasetNames.require(dataset), principal.kind(), principal.name(), permission, null, null),
                caller));
    }

    @MutationMapping
    Mono<Boolean> revokeDatasetAccess(@Argument String dataset, @Argument PrincipalInput principal) {
        return admin(caller -> {
            AccessGrant named =
                    new AccessGrant(dataset, principal.kind(), principal.name(), Permission.READ, null, null);
            return rules.revoke(DatasetNames.require(dataset), named.kind(), named.principal(), caller);
        });
    }

    @MutationMapping
    Mono<RowPolicy> setRowPolicy(
            @Argument String dataset, @Argument String name, @Argument String column, @Argument String claim) {
        return admin(caller -> {
            String valid = DatasetNames.require(dataset);
            if (!ClaimPath.valid(claim)) {
                throw new StrataException.InvalidInput(
                        "claim: '" + claim + "' is not a claim name or dotted path (e.g. tenant, org.regions)",
                        Map.of("field", "claim"));
            }
            RowPolicy policy = new RowPolicy(valid, name, column, new ClaimPath(claim), null, null);
            return columnExists(valid, column).then(rules.setPolicy(policy, caller));
        });
    }

    @MutationMapping
    Mono<Boolean> dropRowPolicy(@Argument String dataset, @Argument String name) {
        return admin(caller -> rules.dropPolicy(DatasetNames.require(dataset), name, caller));
    }

    /** When the dataset exists, the policy's column must be one of its columns; otherwise it is checked on use. */
    private Mono<Void> columnExists(String dataset, String column) {
        return directory.dataset(dataset).flatMap(catalog::view).flatMap(view -> {
            if (view.column(column).isEmpty()) {
                return Mono.error(new StrataException.InvalidInput(
                        "column: dataset '" + dataset + "' has no column '" + column + "'; its columns are "
                                + view.columnNames(),
                        Map.of("field", "column", "validColumns", view.columnNames())));
            }
            return Mono.empty();
        });
    }

    /** Runs {@code change} for the calling admin; argument errors become BAD_REQUEST. */
    private <T> Mono<T> admin(Function<SecurityScope, Mono<T>> change) {
        return scopes.current()
                .flatMap(caller -> Mono.defer(() -> {
                    try {
                        return change.apply(caller);
                    } catch (IllegalArgumentException e) {
                        return Mono.error(new StrataException.InvalidInput(e.getMessage()));
                    }
                }));
    }

    @SchemaMapping(typeName = "DatasetAccessRules", field = "rowPolicies")
    java.util.List<RowPolicy> rowPolicies(DatasetRules rules) {
        return rules.policies();
    }

    @SchemaMapping(typeName = "RowPolicy", field = "claim")
    String claim(RowPolicy policy) {
        return policy.claim().path();
    }

    /** A principal as GraphQL names it. */
    record PrincipalInput(PrincipalKind kind, String name) {}
}
