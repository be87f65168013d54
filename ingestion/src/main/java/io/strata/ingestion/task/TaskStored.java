package io.strata.ingestion.task;

import java.util.UUID;

/** A task's file was validated and stored, and the change committed: it can be submitted to Druid now. */
public record TaskStored(UUID taskId) {}
