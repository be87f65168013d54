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

export interface DetectedColumn {
  name: string;
  /** Druid column type, e.g. STRING, LONG, DOUBLE. */
  type: string;
  /** TIMESTAMP, DIMENSION or METRIC. */
  role: string;
  /** Why the detector chose this type and role. */
  reason?: string;
  nullable?: boolean;
}

export interface DetectedSchema {
  columns: DetectedColumn[];
  timestampColumn?: string;
  [field: string]: unknown;
}

export interface ValidationIssue {
  message: string;
  row?: number;
  column?: string;
  value?: string;
  severity?: string;
}

export interface ValidationReport {
  rowsRead?: number;
  rowsValid?: number;
  rowsRejected?: number;
  errors?: ValidationIssue[];
  warnings?: ValidationIssue[];
  [field: string]: unknown;
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
}

export type Aggregate = 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'COUNT_DISTINCT' | 'APPROX_COUNT_DISTINCT';

export interface MeasureInput {
  name: string;
  column?: string;
  aggregate: Aggregate;
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
