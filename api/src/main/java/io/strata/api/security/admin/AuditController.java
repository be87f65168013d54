package io.strata.api.security.admin;

import io.strata.ingestion.StrataException;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditEntry;
import io.strata.ingestion.audit.AuditTrail;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The audit log for admins: newest first, narrowed by action, subject or dataset, paged by cursor. */
@Controller
class AuditController {

    private static final int MAX_PAGE = 500;

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @QueryMapping
    Mono<Map<String, Object>> auditLog(
            @Argument List<AuditAction> action,
            @Argument String subject,
            @Argument String dataset,
            @Argument Integer first,
            @Argument String after) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new StrataException.InvalidInput("first must be between 1 and " + MAX_PAGE));
        }
        Long before;
        try {
            before = after == null ? null : Long.valueOf(after);
        } catch (NumberFormatException e) {
            return Mono.error(
                    new StrataException.InvalidInput("after: '" + after + "' is not a cursor of the audit log"));
        }
        Set<AuditAction> actions = action == null || action.isEmpty() ? Set.of() : EnumSet.copyOf(action);
        return audit.list(actions, subject, dataset, before, limit + 1)
                .collectList()
                .map(page -> {
                    List<Map<String, Object>> edges = page.subList(0, Math.min(limit, page.size())).stream()
                            .map(entry -> Map.<String, Object>of("node", entry, "cursor", String.valueOf(entry.id())))
                            .toList();
                    Map<String, Object> pageInfo = new HashMap<>();
                    pageInfo.put("hasNextPage", page.size() > limit);
                    pageInfo.put(
                            "endCursor",
                            edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
                    return Map.of("edges", edges, "pageInfo", pageInfo);
                });
    }

    @SchemaMapping(typeName = "AuditEntry", field = "subject")
    String subject(AuditEntry entry) {
        return entry.actor().subject();
    }

    @SchemaMapping(typeName = "AuditEntry", field = "clientId")
    String clientId(AuditEntry entry) {
        return entry.actor().clientId();
    }
}
