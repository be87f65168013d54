package io.strata.api.ingestion;

import io.strata.ingestion.StrataException;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.task.IngestionTaskTransitioned;
import io.strata.ingestion.task.IngestionTasks;
import io.strata.ingestion.task.TaskCancellation;
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

/** GraphQL queries over ingestion tasks, and their cancellation. */
@Controller
class IngestionTaskController {

    private static final int MAX_PAGE = 200;

    private final IngestionTasks tasks;
    private final TaskCancellation cancellation;
    private final JsonMapper json;

    IngestionTaskController(IngestionTasks tasks, TaskCancellation cancellation, JsonMapper json) {
        this.tasks = tasks;
        this.cancellation = cancellation;
        this.json = json;
    }

    @QueryMapping
    Mono<TaskView> ingestionTask(@Argument String id) {
        return tasks.find(uuid(id, "id")).map(TaskView::of);
    }

    @QueryMapping
    Mono<Map<String, Object>> ingestionTasks(
            @Argument String dataset, @Argument TaskStatus status, @Argument Integer first, @Argument String after) {
        int limit = first == null ? 20 : first;
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new StrataException.InvalidInput("first must be between 1 and " + MAX_PAGE));
        }
        UUID cursor = after != null ? uuid(after, "after") : null;
        return tasks.list(dataset, status, limit + 1, cursor).collectList().map(page -> {
            boolean more = page.size() > limit;
            List<Map<String, Object>> edges = page.subList(0, Math.min(limit, page.size())).stream()
                    .map(task -> Map.<String, Object>of(
                            "node", TaskView.of(task), "cursor", task.id().toString()))
                    .toList();
            Map<String, Object> pageInfo = new java.util.HashMap<>();
            pageInfo.put("hasNextPage", more);
            pageInfo.put(
                    "endCursor",
                    edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
            return Map.of("edges", edges, "pageInfo", pageInfo);
        });
    }

    @MutationMapping
    Mono<TaskView> cancelIngestion(@Argument String id, @Argument String reason) {
        return Mono.defer(() -> cancellation.cancel(uuid(id, "id"), reason)).map(TaskView::of);
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
