package io.strata.api.ingestion;

import io.strata.ingestion.DatasetNames;
import io.strata.ingestion.task.TaskUpdates;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * GraphQL subscriptions to ingestion tasks, over graphql-ws (WebSocket) and Server-Sent Events at
 * {@code /graphql}. Each starts with the current state and then follows every change Kafka brings to this node.
 */
@Controller
class IngestionTaskSubscriptions {

    private final TaskUpdates updates;

    IngestionTaskSubscriptions(TaskUpdates updates) {
        this.updates = updates;
    }

    /** The task, then each change; completes after a final status. */
    @SubscriptionMapping
    Flux<TaskView> ingestionTask(@Argument String id) {
        return Flux.defer(() -> updates.follow(IngestionTaskController.uuid(id, "id")))
                .map(TaskView::of);
    }

    /** The open tasks (of one dataset, or all), then every change of the dataset's tasks. */
    @SubscriptionMapping
    Flux<TaskView> ingestionTasks(@Argument String dataset) {
        return Flux.defer(() -> updates.followAll(dataset == null ? null : DatasetNames.require(dataset)))
                .map(TaskView::of);
    }
}
