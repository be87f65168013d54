-- Ingestion events: transition sequence numbers, the outbox relay's claim, and canceled Druid tasks.

-- The sequence number of a task's latest transition, taken from the transitions' own id sequence when the
-- transition is recorded (under the task's row lock, so one task's numbers grow in commit order). Subscribers
-- drop any event numbered at or below what they already showed.
ALTER TABLE ingestion_tasks ADD COLUMN sequence bigint NOT NULL DEFAULT 0;
UPDATE ingestion_tasks t
   SET sequence = COALESCE((SELECT max(id) FROM ingestion_task_transitions WHERE task_id = t.id), 0);

-- A canceled task whose Druid task has not yet been confirmed shut down (Druid was unavailable, or the task
-- was being submitted while it was canceled). The task driver retries the shutdown until Druid accepts it.
ALTER TABLE ingestion_tasks ADD COLUMN druid_shutdown_pending boolean NOT NULL DEFAULT false;
CREATE INDEX ingestion_tasks_druid_shutdown_pending ON ingestion_tasks (updated_at) WHERE druid_shutdown_pending;

-- The relay claims the oldest unpublished rows and skips a row while an older row of the same key is
-- unpublished and claimed by another relay, so one task's events are published in order.
CREATE INDEX outbox_unpublished_by_key ON outbox (event_key, id) WHERE published_at IS NULL;
-- Published rows are deleted after the retention period.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
