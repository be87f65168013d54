package io.strata.api.security;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.strata.api.graphql.GraphQlDocuments;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which role each GraphQL operation needs, decided from its root fields before anything executes, so a new
 * field is covered by construction: queries and subscriptions need {@link Role#VIEWER}, mutations
 * {@link Role#ANALYST}, and the mutations and queries listed in {@link #ADMIN_MUTATIONS} and {@link #ADMIN_QUERIES}
 * {@link Role#ADMIN}.
 */
final class OperationPolicy {

    /** Mutations that change who may see what. */
    static final Set<String> ADMIN_MUTATIONS =
            Set.of("grantDatasetAccess", "revokeDatasetAccess", "setRowPolicy", "dropRowPolicy");

    /** Queries that show who may see what, and who did what. */
    static final Set<String> ADMIN_QUERIES = Set.of("datasetAccess", "auditLog");

    private OperationPolicy() {}

    /**
     * @param field the root field refused, when refused
     * @param mutation whether the operation is a mutation
     */
    record Decision(boolean allowed, boolean subscription, String reason, String field, boolean mutation) {

        Decision(boolean allowed, boolean subscription, String reason) {
            this(allowed, subscription, reason, null, false);
        }
    }

    static Decision decide(String document, String operationName, Set<Role> roles) {
        Optional<OperationDefinition> found = GraphQlDocuments.operation(document, operationName);
        if (found.isEmpty()) {
            // Nothing can execute; graphql-java answers with the syntax error or the missing operation.
            return new Decision(true, false, "");
        }
        OperationDefinition operation = found.get();
        Document parsed = GraphQlDocuments.parse(document).orElseThrow();
        Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
        for (Definition<?> definition : parsed.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        collect(operation.getSelectionSet(), fragments, fields, 0);
        OperationDefinition.Operation kind = operation.getOperation();
        for (String field : fields) {
            Role needed = needed(kind, field);
            if (!roles.contains(needed)) {
                return new Decision(
                        false,
                        false,
                        "'" + field + "' needs the " + needed.name().toLowerCase(java.util.Locale.ROOT)
                                + " role; the token grants " + (roles.isEmpty() ? "none" : roles),
                        field,
                        kind == OperationDefinition.Operation.MUTATION);
            }
        }
        return new Decision(true, kind == OperationDefinition.Operation.SUBSCRIPTION, "");
    }

    static Role needed(OperationDefinition.Operation kind, String field) {
        if (kind != OperationDefinition.Operation.MUTATION) {
            return kind == OperationDefinition.Operation.QUERY && ADMIN_QUERIES.contains(field)
                    ? Role.ADMIN
                    : Role.VIEWER;
        }
        return ADMIN_MUTATIONS.contains(field) ? Role.ADMIN : Role.ANALYST;
    }

    private static void collect(
            SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> fields, int depth) {
        if (selections == null || depth > 10) {
            return;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                fields.add(field.getName());
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), fragments, fields, depth + 1);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collect(fragments.get(spread.getName()).getSelectionSet(), fragments, fields, depth + 1);
            }
        }
    }
}
