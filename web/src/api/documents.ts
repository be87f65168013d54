/**
 * Every GraphQL document the app sends. `documents.test.ts` validates each one against the server's own schema
 * (api/src/main/resources/graphql/*.graphqls), so a field or argument the server does not have fails the
 * web build, not the user.
 */

const TASK_FIELDS = `id dataset mode status druidTaskId rowsProcessed rowsProcessedWithErrors rowsThrownAway
  rowsUnparseable error createdAt updatedAt sequence history { from to reason at sequence }`;

const DATASET_FIELDS = `name dataVersion rollup available unavailableReason rowCount createdAt updatedAt timeRange { start end }
  columns { name type role } measures { name expression builtIn }`;

export const DOCUMENTS = {
  me: `query Me { me { subject clientId roles groups } }`,

  datasets: `query Datasets { datasets { ${DATASET_FIELDS} } }`,

  dataset: `query Dataset($name: ID!) { dataset(name: $name) { ${DATASET_FIELDS} } }`,

  ingestionTask: `query IngestionTask($id: ID!) { ingestionTask(id: $id) { ${TASK_FIELDS} } }`,

  ingestionTasks: `query IngestionTasks($dataset: ID, $status: TaskStatus, $first: Int, $after: String) {
    ingestionTasks(dataset: $dataset, status: $status, first: $first, after: $after) {
      edges { cursor node { ${TASK_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }`,

  watchIngestionTask: `subscription WatchIngestionTask($id: ID!) {
    ingestionTask(id: $id) { id status rowsProcessed error }
  }`,

  watchIngestionTasks: `subscription WatchIngestionTasks($dataset: ID) { ingestionTasks(dataset: $dataset) { ${TASK_FIELDS} } }`,

  cancelIngestion: `mutation CancelIngestion($id: ID!, $reason: String) {
    cancelIngestion(id: $id, reason: $reason) { ${TASK_FIELDS} }
  }`,

  kpis: `query Kpis($dataset: ID!, $measures: [MeasureInput!]!, $filter: FilterInput, $interval: IntervalInput,
      $compareToPrevious: Boolean) {
    kpis(dataset: $dataset, measures: $measures, filter: $filter, interval: $interval,
         compareToPrevious: $compareToPrevious) { measure value previous change }
  }`,

  liveKpis: `subscription LiveKpis($dataset: ID!, $measures: [MeasureInput!]!, $filter: FilterInput,
      $interval: IntervalInput, $refreshSeconds: Int) {
    liveKpis(dataset: $dataset, measures: $measures, filter: $filter, interval: $interval,
             refreshSeconds: $refreshSeconds) { measure value previous change }
  }`,

  timeseries: `query Timeseries($dataset: ID!, $measures: [MeasureInput!]!, $granularity: Granularity!,
      $filter: FilterInput, $interval: IntervalInput, $splitBy: String, $limit: Int) {
    timeseries(dataset: $dataset, measures: $measures, granularity: $granularity, filter: $filter,
               interval: $interval, splitBy: $splitBy, limit: $limit) { time split values { measure value } }
  }`,

  topN: `query TopN($dataset: ID!, $dimension: String!, $measure: MeasureInput!, $limit: Int, $filter: FilterInput,
      $interval: IntervalInput) {
    topN(dataset: $dataset, dimension: $dimension, measure: $measure, limit: $limit, filter: $filter,
         interval: $interval) { dimensionValue measure value }
  }`,

  table: `query Table($dataset: ID!, $dimensions: [String!]!, $measures: [MeasureInput!], $filter: FilterInput,
      $interval: IntervalInput, $orderBy: [OrderByInput!], $first: Int, $after: String) {
    table(dataset: $dataset, dimensions: $dimensions, measures: $measures, filter: $filter, interval: $interval,
          orderBy: $orderBy, first: $first, after: $after) {
      edges { cursor node { dimensions { dimension value } values { measure value } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,

  defineMeasure: `mutation DefineMeasure($dataset: ID!, $name: String!, $expression: String!) {
    defineMeasure(dataset: $dataset, name: $name, expression: $expression) { name expression builtIn }
  }`,

  dropMeasure: `mutation DropMeasure($dataset: ID!, $name: String!) { dropMeasure(dataset: $dataset, name: $name) }`,

  datasetAccess: `query DatasetAccess($dataset: ID!) {
    datasetAccess(dataset: $dataset) {
      dataset restricted
      grants { kind principal permission grantedBy grantedAt }
      rowPolicies { name column claim createdBy createdAt }
    }
  }`,

  grantDatasetAccess: `mutation Grant($dataset: ID!, $principal: PrincipalInput!, $permission: Permission!) {
    grantDatasetAccess(dataset: $dataset, principal: $principal, permission: $permission) { grantedAt }
  }`,

  revokeDatasetAccess: `mutation Revoke($dataset: ID!, $principal: PrincipalInput!) {
    revokeDatasetAccess(dataset: $dataset, principal: $principal)
  }`,

  setRowPolicy: `mutation SetRowPolicy($dataset: ID!, $name: String!, $column: String!, $claim: String!) {
    setRowPolicy(dataset: $dataset, name: $name, column: $column, claim: $claim) { name }
  }`,

  dropRowPolicy: `mutation DropRowPolicy($dataset: ID!, $name: String!) { dropRowPolicy(dataset: $dataset, name: $name) }`,

  auditLog: `query AuditLog($action: [AuditAction!], $subject: String, $dataset: ID, $first: Int, $after: String) {
    auditLog(action: $action, subject: $subject, dataset: $dataset, first: $first, after: $after) {
      edges { cursor node { id at subject clientId action dataset target outcome detail } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
} as const;

export type DocumentName = keyof typeof DOCUMENTS;
