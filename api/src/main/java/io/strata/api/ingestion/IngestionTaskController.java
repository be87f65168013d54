package io.strata.api.ingestion;

import io.strata.api.security.Audited;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScope;
import io.strata.api.security.SecurityScopes;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.audit.AuditAction;
import io.strata.ingestion.audit.AuditTrail;
import io.strata.ingestion.task.IngestionTaskTransitioned;
import io.strata.ingestion.task.IngestionTasks;
import io.strata.ingestion.task.TaskCancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL queries over ingestion tasks, and their cancellation. A task of a dataset the caller may not read is
 * answered as a task that does not exist; canceling needs WRITE access to its dataset.
 */
@Controller
class IngestionTaskController {

    private static final int MAX_PAGE = 200;
    /** Tasks read at once while filling a page with tasks the caller may see. */
    private static final int SCAN = 200;

    private final IngestionTasks tasks;
    private final TaskCancellation cancellation;
    private final JsonMapper json;
    private final SecurityScopes scopes;
    private final DatasetAccess access;
    private final AuditTrail audit;

    IngestionTaskController(
            IngestionTasks tasks,
            TaskCancellation cancellation,
            JsonMapper json,
            SecurityScopes scopes,
            DatasetAccess access,
            AuditTrail audit) {
        this.tasks = tasks;
        this.cancellation = cancellation;
        this.json = json;
        this.scopes = scopes;
        this.access = access;
        this.audit = audit;
    }

    @QueryMapping
    Mono<TaskView> ingestionTask(@Argument String id) {
        return Mono.defer(() -> readable(uuid(id, "id"))).map(TaskView::of);
    }

    /** The task when the caller may read its dataset; empty otherwise (as if it did not exist). */
    Mono<IngestionTask> readable(UUID id) {
        return scopes.current().flatMap(scope -> tasks.find(id)
                .filterWhen(task -> scope.isAdmin() ? Mono.just(true) : access.canRead(task.dataset(), scope)));
    }

    @QueryMapping
    Mono<Map<String, Object>> ingestionTasks(
            @Argument String dataset, @Argument TaskStatus status, @Argument Integer first, @Argument String after) {
        int limit = first == null ? 20 : first;
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new StrataException.InvalidInput("first must be between 1 and " + MAX_PAGE));
        }
        UUID cursor = after != null ? uuid(after, "after") : null;
        return scopes.current()
                .flatMap(scope -> page(scope, dataset, status, limit + 1, cursor))
                .map(page -> {
                    boolean more = page.size() > limit;
                    List<Map<String, Object>> edges = page.subList(0, Math.min(limit, page.size())).stream()
                            .map(task -> Map.<String, Object>of(
                                    "node",
                                    TaskView.of(task),
                                    "cursor",
                                    task.id().toString()))
                            .toList();
                    Map<String, Object> pageInfo = new java.util.HashMap<>();
                    pageInfo.put("hasNextPage", more);
                    pageInfo.put(
                            "endCursor",
                            edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
                    return Map.of("edges", edges, "pageInfo", pageInfo);
                });
    }

    /**
     * Up to {@code wanted} tasks the caller may see, newest first after {@code cursor}: tasks are read in batches
     * and those of datasets the caller may not read are skipped, so pages stay full.
     */
    private Mono<List<IngestionTask>> page(
            SecurityScope scope, String dataset, TaskStatus status, int wanted, UUID cursor) {
        if (dataset != null) {
            return access.canRead(dataset, scope)
                    .flatMap(readable -> readable
                            ? tasks.list(dataset, status, wanted, cursor).collectList()
                            : Mono.just(List.of()));
        }
        return fill(scope, status, wanted, cursor, new ArrayList<>());
    }

    private Mono<List<IngestionTask>> fill(
            SecurityScope scope, TaskStatus status, int wanted, UUID cursor, List<IngestionTask> found) {
        return tasks.list(null, status, SCAN, cursor).collectList().flatMap(batch -> access.readable(
                        Flux.fromIterable(batch), IngestionTask::dataset, scope)
                .collectList()
                .flatMap(visible -> {
                    for (IngestionTask task : visible) {
                        if (found.size() < wanted) {
                            found.add(task);
                        }
                    }
                    if (found.size() >= wanted || batch.size() < SCAN) {
                        return Mono.just(found);
                    }
                    return fill(
                            scope, status, wanted, batch.get(batch.size() - 1).id(), found);
                }));
    }

    @MutationMapping
    Mono<TaskView> cancelIngestion(@Argument String id, @Argument String reason) {
        return scopes.current()
                .flatMap(scope -> Mono.defer(() -> {
                    UUID task = uuid(id, "id");
                    Mono<IngestionTask> canceled = tasks.find(task)
                            .flatMap(found -> access.write(found.dataset(), scope)
                                    .onErrorMap(
                                            StrataException.NotFound.class,
                                            hidden -> new StrataException.NotFound("no ingestion task " + task))
                                    .then(cancellation.cancel(task, reason)))
                            .switchIfEmpty(Mono.error(() -> new StrataException.NotFound("no ingestion task " + task)));
                    return Audited.of(audit, scope.actor(), AuditAction.CANCEL, null, id, reason, canceled);
                }))
                .map(TaskView::of);
    }

    @SchemaMapping(typeName = "IngestionTask", field = "spec")
    Object spec(TaskView task) {
        return task.specJson() == null ? null : json.readValue(task.specJson(), Object.class);
    }

    @SchemaMapping(typeName = "IngestionTask", field = "history")
    Flux<Map<String, Object>> history(TaskView task) {
        return tasks.history(task.id()).map(IngestionTaskController::transition);
    }

    private static Map<String, Object> transition(IngestionTaskTransitioned event) {
        Map<String, Object> view = new java.util.HashMap<>();
        view.put("from", event.from());
        view.put("to", event.to());
        view.put("reason", event.reason());
        view.put("at", event.at());
        view.put("sequence", event.sequence());
        return view;
    }

    static UUID uuid(String value, String argument) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new StrataException.InvalidInput(argument + " '" + value + "' is not a task id (a UUID)");
        }
    }
}
