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

export type IngestionModeName = 'CREATE' | 'APPEND' | 'REPLACE';

export interface TaskTransition {
  from: TaskStatus | null;
  to: TaskStatus;
  reason: string | null;
  at: string;
  sequence: number;
}

export interface IngestionTask {
  id: string;
  dataset: string;
  mode?: IngestionModeName;
  status: TaskStatus;
  druidTaskId?: string;
  /** Druid's row counts, once Druid reports them. */
  rowsProcessed: number | null;
  rowsProcessedWithErrors?: number | null;
  rowsThrownAway?: number | null;
  rowsUnparseable: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** Grows with every status change: a copy with a lower number is older. */
  sequence?: number;
  history?: TaskTransition[];
}

/** What the task subscription sends: a subset of {@link IngestionTask}. */
export type IngestionTaskUpdate = Pick<IngestionTask, 'id' | 'status' | 'rowsProcessed' | 'error'>;

export type IngestionTaskSummary = Pick<IngestionTask, 'id' | 'dataset' | 'status' | 'createdAt'>;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Page<T> {
  items: T[];
  pageInfo: PageInfo;
}

export interface DatasetColumn {
  name: string;
  type: string;
  role: string;
}

export interface MeasureDefinition {
  name: string;
  expression: string;
  builtIn: boolean;
}

export interface Dataset {
  name: string;
  rowCount: number | null;
  columns: DatasetColumn[];
  /** False when Druid serves no data for the dataset (its datasource was dropped or is not loaded yet). */
  available?: boolean;
  /** Why it is unavailable and what to do; null when it is available. */
  unavailableReason?: string | null;
  /** The first timestamp and just after the last one; null when the dataset has no rows. */
  timeRange?: Interval | null;
  dataVersion?: number;
  rollup?: boolean;
  createdAt?: string;
  updatedAt?: string;
  measures?: MeasureDefinition[];
  /**
   * Why some of the dataset's fields could not be read (e.g. its Druid datasource is missing), when the server
   * answered the others: the dataset is listed, marked as not fully available.
   */
  problems?: string[];
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

/** The API's FilterInput: a predicate on a dimension, or a combination of them. */
export interface FilterInput {
  and?: FilterInput[];
  or?: FilterInput[];
  not?: FilterInput;
  dimension?: string;
  eq?: string;
  in?: string[];
  isNull?: boolean;
}

export interface Kpi {
  measure: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface MeasureValue {
  measure: string;
  value: number | null;
}

export interface TimeseriesPoint {
  time: string;
  split: string | null;
  values: MeasureValue[];
}

export const GRANULARITIES = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface TopNEntry {
  dimensionValue: string | null;
  measure: string;
  value: number | null;
}

export interface TableRow {
  cursor: string;
  dimensions: { dimension: string; value: string | null }[];
  values: MeasureValue[];
}

export type SortDirection = 'ASC' | 'DESC';

export interface OrderBy {
  field: string;
  direction: SortDirection;
}

export interface Caller {
  subject: string;
  clientId: string | null;
  roles: string[];
  groups: string[];
}

export type PrincipalKind = 'ROLE' | 'GROUP' | 'USER';
export type Permission = 'READ' | 'WRITE';

export interface DatasetGrant {
  kind: PrincipalKind;
  principal: string;
  permission: Permission;
  grantedBy: string;
  grantedAt: string;
}

export interface RowPolicy {
  name: string;
  column: string;
  claim: string;
  createdBy: string;
  createdAt: string;
}

export interface DatasetAccessRules {
  dataset: string;
  restricted: boolean;
  grants: DatasetGrant[];
  rowPolicies: RowPolicy[];
}

export const AUDIT_ACTIONS = [
  'UPLOAD',
  'INGEST',
  'CANCEL',
  'GRANT_ACCESS',
  'REVOKE_ACCESS',
  'SET_ROW_POLICY',
  'DROP_ROW_POLICY',
  'DEFINE_MEASURE',
  'DROP_MEASURE',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  subject: string;
  clientId: string | null;
  action: AuditAction;
  dataset: string | null;
  target: string | null;
  outcome: 'SUCCEEDED' | 'FAILED' | 'DENIED';
  detail: string | null;
}
