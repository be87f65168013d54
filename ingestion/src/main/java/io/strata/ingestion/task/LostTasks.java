package io.strata.ingestion.task;

import io.strata.ingestion.IngestionMode;
import io.strata.ingestion.IngestionSettings;
import io.strata.ingestion.IngestionTask;
import io.strata.ingestion.TaskStatus;
import io.strata.ingestion.druid.DruidTaskState;
import io.strata.ingestion.druid.TaskRunner;
import io.strata.ingestion.druid.WorkerAnswer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notices tasks that Druid believes run but nothing runs, and ends them: a task whose worker has neither answered nor
 * listed it for {@link IngestionSettings#workerLostAfter()} (the process died, or restarted and lost its tasks), or
 * that Druid failed because its worker disappeared. Such a task is shut down in Druid and submitted once more from
 * the stored file under a new Druid task id, with the same spec and so the same mode: a replace replaces the same
 * time range again; an append is resubmitted only while the dataset's segments in its time range are those it was
 * submitted over (else its lost attempt may have stored its rows, and it fails saying so). A second loss fails it.
 */
final class LostTasks {

    private static final Logger log = LoggerFactory.getLogger(LostTasks.class);

    /** The first submission and one resubmission. */
    static final int MAX_ATTEMPTS = 2;

    private static final String ATTEMPT_SUFFIX = "_attempt";
    private static final List<String> ALL_TIME = List.of("1000-01-01T00:00:00Z/3000-01-01T00:00:00Z");

    private final IngestionTasks tasks;
    private final TaskRunner druid;
    private final Duration workerLostAfter;
    private final JsonMapper json;
    private final Clock clock;

    LostTasks(IngestionTasks tasks, TaskRunner druid, IngestionSettings settings, JsonMapper json, Clock clock) {
        this.tasks = tasks;
        this.druid = druid;
        this.workerLostAfter = settings.workerLostAfter();
        this.json = json;
        this.clock = clock;
    }

    /**
     * Asks the worker Druid says runs the task whether it does. True when it does (or Druid gives no location to ask);
     * false while it does not, after which the task is recovered once that has lasted {@code workerLostAfter}.
     */
    Mono<Boolean> check(IngestionTask task, DruidTaskState state) {
        DruidTaskState.TaskLocation location = state.location();
        if (location == null) {
            return Mono.just(true);
        }
        return druid.workerRuns(task.druidTaskId(), location).flatMap(answer -> {
            if (answer == WorkerAnswer.RUNS_IT) {
                return task.workerLostSince() == null
                        ? Mono.just(true)
                        : tasks.workerLost(task.id(), null).thenReturn(true);
            }
            Instant now = clock.instant();
            if (task.workerLostSince() == null) {
                log.info("Task {}: its Druid worker at {} {}", task.id(), location, describe(answer));
                return tasks.workerLost(task.id(), now).thenReturn(false);
            }
            if (Duration.between(task.workerLostSince(), now).compareTo(workerLostAfter) < 0) {
                return Mono.just(false);
            }
            String why = "its worker at " + location + " " + describe(answer) + " for "
                    + Duration.between(task.workerLostSince(), now).toSeconds() + " s";
            return recover(task, why).thenReturn(false);
        });
    }

    private static String describe(WorkerAnswer answer) {
        return answer == WorkerAnswer.NO_ANSWER ? "does not answer" : "no longer runs it";
    }

    /** Whether Druid failed a task because the worker it was assigned to went away (not because of its data). */
    static boolean failedForLostWorker(String druidError) {
        if (druidError == null) {
            return false;
        }
        String error = druidError.toLowerCase(Locale.ROOT);
        return error.contains("worker") && (error.contains("disappeared") || error.contains("went away"))
                || error.contains("task location unknown")
                || error.contains("task was not found on worker");
    }

    /** Shuts the task's Druid task down, then resubmits it once from the stored file or fails it. */
    Mono<Void> recover(IngestionTask task, String why) {
        String lost = "the Druid worker running the task was lost (" + why + ")";
        log.warn("Task {} ({}): {}", task.id(), task.druidTaskId(), lost);
        return druid.cancel(task.druidTaskId()).then(Mono.defer(() -> {
            if (task.attempt() >= MAX_ATTEMPTS) {
                return fail(
                        task,
                        lost + ", on its second attempt: the file may need more memory than Druid's indexer has. On "
                                + "the local stack give the indexer more (strata.stack.druid.indexer.heap), or split "
                                + "the file; then upload it again");
            }
            if (task.mode() != IngestionMode.APPEND) {
                return resubmit(task, lost);
            }
            return digest(task)
                    .flatMap(now -> now.equals(task.segmentsAtSubmit())
                            ? resubmit(task, lost)
                            : fail(
                                    task,
                                    lost
                                            + ". It appended to the dataset, whose segments in the file's time range changed"
                                            + " since it was submitted, so Strata cannot tell whether the lost attempt stored"
                                            + " its rows: check the dataset, then upload the file again (mode REPLACE"
                                            + " replaces that time range)"));
        }));
    }

    /**
     * A digest of the dataset's used segments overlapping the task's intervals: equal before and after an attempt
     * exactly when no segment there was added, replaced or dropped meanwhile.
     */
    Mono<String> digest(IngestionTask task) {
        return druid.usedSegments(task.dataset(), intervals(task.spec())).map(LostTasks::digest);
    }

    static String digest(List<String> segmentIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : segmentIds) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return segmentIds.size() + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Mono<Void> resubmit(IngestionTask task, String lost) {
        String druidTaskId = nextDruidTaskId(task.druidTaskId(), task.attempt() + 1);
        String spec = withId(task.spec(), druidTaskId);
        return tasks.resubmitted(
                        task.id(), druidTaskId, spec, lost + "; resubmitted from the stored file as " + druidTaskId)
                .flatMap(resubmitted -> druid.submit(druidTaskId, spec))
                .doOnSuccess(done -> log.info("Task {} resubmitted to Druid as {}", task.id(), druidTaskId));
    }

    private Mono<Void> fail(IngestionTask task, String reason) {
        return tasks.transition(task.id(), TaskStatus.FAILED, reason, TaskChanges.error(reason))
                .then();
    }

    /** The Druid task id of attempt {@code attempt}: the first attempt's id with {@code _attempt<n>}. */
    static String nextDruidTaskId(String current, int attempt) {
        int suffix = current.lastIndexOf(ATTEMPT_SUFFIX);
        String first = suffix >= 0
                        && current.substring(suffix + ATTEMPT_SUFFIX.length()).matches("[0-9]+")
                ? current.substring(0, suffix)
                : current;
        return first + ATTEMPT_SUFFIX + attempt;
    }

    private String withId(String spec, String druidTaskId) {
        ObjectNode task = (ObjectNode) json.readTree(spec);
        task.put("id", druidTaskId);
        return json.writeValueAsString(task);
    }

    private List<String> intervals(String spec) {
        JsonNode intervals = json.readTree(spec)
                .path("spec")
                .path("dataSchema")
                .path("granularitySpec")
                .path("intervals");
        if (!intervals.isArray() || intervals.isEmpty()) {
            return ALL_TIME;
        }
        return intervals.valueStream().map(JsonNode::asString).toList();
    }
}
