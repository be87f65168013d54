package io.strata.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The role matrix of every GraphQL operation in Strata's schema: the table below is the contract, and the test
 * fails when the schema gains a root field the table does not rate (so every new operation gets a decision) or when
 * the policy rates one differently, for each role.
 */
class RoleMatrixTest {

    static final Map<String, Role> QUERIES = table(
            "datasets viewer",
            "dataset viewer",
            "ingestionTask viewer",
            "ingestionTasks viewer",
            "kpis viewer",
            "timeseries viewer",
            "topN viewer",
            "table viewer",
            "me viewer",
            "datasetAccess admin",
            "auditLog admin");
    static final Map<String, Role> MUTATIONS = table(
            "cancelIngestion analyst",
            "defineMeasure analyst",
            "dropMeasure analyst",
            "grantDatasetAccess admin",
            "revokeDatasetAccess admin",
            "setRowPolicy admin",
            "dropRowPolicy admin");
    static final Map<String, Role> SUBSCRIPTIONS =
            table("ingestionTask viewer", "ingestionTasks viewer", "liveKpis viewer");

    @Test
    void everyRootFieldOfTheSchemaIsRated() throws Exception {
        TypeDefinitionRegistry schema = new TypeDefinitionRegistry();
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:graphql/*.graphqls");
        assertThat(files).as("one schema file per feature").hasSizeGreaterThanOrEqualTo(3);
        for (Resource file : files) {
            try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                schema.merge(new SchemaParser().parse(reader));
            }
        }

        assertThat(fields(schema, "Query")).isEqualTo(new TreeSet<>(QUERIES.keySet()));
        assertThat(fields(schema, "Mutation")).isEqualTo(new TreeSet<>(MUTATIONS.keySet()));
        assertThat(fields(schema, "Subscription")).isEqualTo(new TreeSet<>(SUBSCRIPTIONS.keySet()));
    }

    @Test
    void eachRoleMayDoExactlyTheOperationsOfItsRankAndBelow() {
        rate(OperationDefinition.Operation.QUERY, "query", QUERIES);
        rate(OperationDefinition.Operation.MUTATION, "mutation", MUTATIONS);
        rate(OperationDefinition.Operation.SUBSCRIPTION, "subscription", SUBSCRIPTIONS);
    }

    private static void rate(OperationDefinition.Operation kind, String keyword, Map<String, Role> table) {
        table.forEach((field, needed) -> {
            for (Role held : Role.values()) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (Role r : Role.values()) {
                    if (r.ordinal() <= held.ordinal()) {
                        roles.add(r);
                    }
                }
                OperationPolicy.Decision decision =
                        OperationPolicy.decide(keyword + " { " + field + " { __typename } }", null, roles);
                assertThat(decision.allowed())
                        .as("%s %s as %s", keyword, field, held)
                        .isEqualTo(held.ordinal() >= needed.ordinal());
                assertThat(OperationPolicy.needed(kind, field))
                        .as("%s %s", keyword, field)
                        .isEqualTo(needed);
            }
        });
    }

    private static Set<String> fields(TypeDefinitionRegistry schema, String type) {
        Set<String> names = new TreeSet<>();
        List<ObjectTypeDefinition> definitions = new ArrayList<>();
        schema.getType(type, ObjectTypeDefinition.class).ifPresent(definitions::add);
        definitions.addAll(schema.objectTypeExtensions().getOrDefault(type, List.of()));
        for (ObjectTypeDefinition definition : definitions) {
            for (FieldDefinition field : definition.getFieldDefinitions()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static Map<String, Role> table(String... rows) {
        Map<String, Role> table = new LinkedHashMap<>();
        for (String row : rows) {
            String[] parts = row.split(" ");
            table.put(parts[0], Role.valueOf(parts[1].toUpperCase(Locale.ROOT)));
        }
        return table;
    }
}
