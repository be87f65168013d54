package io.strata.api.ingestion;

import io.strata.api.security.AccessWatch;
import io.strata.api.security.DatasetAccess;
import io.strata.api.security.SecurityScopes;
import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.StrataException;
import io.strata.ingestion.task.TaskUpdates;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * GraphQL subscriptions to ingestion tasks, over graphql-ws (WebSocket) and Server-Sent Events at
 * {@code /graphql}. Each starts with the current state and then follows every change Kafka brings to this node.
 * Only tasks of datasets the caller may read are shown, and a subscription ends when that access is revoked.
 */
@Controller
class IngestionTaskSubscriptions {

    private final TaskUpdates updates;
    private final IngestionTaskController tasks;
    private final SecurityScopes scopes;
    private final DatasetAccess access;
    private final AccessWatch watch;

    IngestionTaskSubscriptions(
            TaskUpdates updates,
            IngestionTaskController tasks,
            SecurityScopes scopes,
            DatasetAccess access,
            AccessWatch watch) {
        this.updates = updates;
        this.tasks = tasks;
        this.scopes = scopes;
        this.access = access;
        this.watch = watch;
    }

    /** The task, then each change; completes after a final status. */
    @SubscriptionMapping
    Flux<TaskView> ingestionTask(@Argument String id) {
        return Flux.defer(() -> {
                    UUID task = IngestionTaskController.uuid(id, "id");
                    return scopes.current().flatMapMany(scope -> tasks.readable(task)
                            .switchIfEmpty(Mono.error(() -> new StrataException.NotFound("no ingestion task " + task)))
                            .flatMapMany(found -> watch.whileReadable(updates.follow(task), found.dataset(), scope)));
                })
                .map(TaskView::of);
    }

    /** The open tasks (of one dataset, or all the caller may read), then every change of their tasks. */
    @SubscriptionMapping
    Flux<TaskView> ingestionTasks(@Argument String dataset) {
        return Flux.defer(() -> {
                    String name = dataset == null ? null : DatasetNames.require(dataset);
                    return scopes.current().flatMapMany(scope -> {
                        if (name != null) {
                            return access.read(name, scope)
                                    .thenMany(watch.whileReadable(updates.followAll(name), name, scope));
                        }
                        return scope.isAdmin()
                                ? updates.followAll(null)
                                : updates.followAll(null).concatMap(task -> access.canRead(task.dataset(), scope)
                                        .filter(Boolean::booleanValue)
                                        .map(readable -> task));
                    });
                })
                .map(TaskView::of);
    }
}
