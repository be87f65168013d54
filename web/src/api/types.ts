/**
 * Shapes of what Strata answers. GraphQL types follow the schema exactly; the REST `schema` and
 * `report` bodies are typed by the fields this app reads, and the screens show anything else raw.
 */

export const TASK_STATUSES = [
  'RECEIVED',
  'VALIDATING',
  'STORED',
  'SUBMITTED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

export type UploadMode = 'create' | 'append' | 'replace';

export interface ColumnProfile {
  nulls: number;
  invalid: number;
  invalidSamples: { row: number; value: string; reason: string }[];
  min: string | null;
  max: string | null;
  approxDistinct: number;
  topValues: { value: string; count: number }[];
}

export interface DetectedColumn {
  /** The name in the file. */
  name: string;
  /** The Druid-safe name it is ingested under. */
  druidName: string;
  /** STRING, LONG, DOUBLE, BOOLEAN or TIMESTAMP. */
  type: string;
  /** TIMESTAMP, DIMENSION or METRIC. */
  role: string;
  /** Why the detector chose this type and role. */
  reason?: string;
  profile?: ColumnProfile;
}

export interface TimestampChoice {
  /** The primary timestamp column, or null when the file has none. */
  column: string | null;
  format: string | null;
  confidence: number;
  reasons: string[];
}

export interface DetectedSchema {
  format: string;
  columns: DetectedColumn[];
  timestamp?: TimestampChoice;
  [field: string]: unknown;
}

/** A row the validator rejected, and why. */
export interface RowProblem {
  row: number;
  column: string | null;
  reason: string;
}

/** What validating the whole file found (the server's `ValidationReport`). */
export interface ValidationReport {
  rows: number;
  badRows: number;
  problems: RowProblem[];
  withinBudget: boolean;
  verdict: string;
}

/** `POST /api/v1/schema/detect`. */
export interface SchemaPreview {
  schema: DetectedSchema;
  report: ValidationReport;
  spec: unknown;
}

/** `POST /api/v1/datasets/{dataset}/uploads`, answered with 202. */
export interface UploadAccepted {
  uploadId: string;
  taskId: string;
  dataset: string;
  schema: DetectedSchema;
  report: ValidationReport;
}

export interface IngestionTask {
  id: string;
  dataset: string;
  status: TaskStatus;
  rowsProcessed: number | null;
  rowsUnparseable: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the subscription sends: a subset of {@link IngestionTask}. */
export type IngestionTaskUpdate = Pick<IngestionTask, 'id' | 'status' | 'rowsProcessed' | 'error'>;

export type IngestionTaskSummary = Pick<IngestionTask, 'id' | 'dataset' | 'status' | 'createdAt'>;

export interface DatasetColumn {
  name: string;
  type: string;
  role: string;
}

export interface Dataset {
  name: string;
  rowCount: number | null;
  columns: DatasetColumn[];
  /** The first timestamp and just after the last one; null when the dataset has no rows. */
  timeRange?: Interval | null;
}

export type Aggregate = 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'COUNT_DISTINCT' | 'APPROX_COUNT_DISTINCT';

/** A named measure (`name` alone), or an aggregate of a column (COUNT needs none); never both. */
export interface MeasureInput {
  name?: string;
  column?: string;
  aggregate?: Aggregate;
}

/** Half-open [start, end), ISO-8601 instants. */
export interface Interval {
  start: string;
  end: string;
}

export interface Kpi {
  measure: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface TimeseriesPoint {
  time: string;
  split: string | null;
  values: { measure: string; value: number | null }[];
}

export type Granularity = 'DAY';
