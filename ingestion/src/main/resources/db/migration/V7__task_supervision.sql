-- Supervision of the tasks Druid runs: which submission to Druid a task is at, since when the worker running it has
-- neither answered nor listed it, and, for appends, the dataset's used segments in the file's intervals when the
-- current submission was made (a lost append is resubmitted only while they are unchanged: nothing twice).
ALTER TABLE ingestion_tasks ADD COLUMN attempt integer NOT NULL DEFAULT 1;
ALTER TABLE ingestion_tasks ADD COLUMN worker_lost_since timestamptz;
ALTER TABLE ingestion_tasks ADD COLUMN segments_at_submit text;
