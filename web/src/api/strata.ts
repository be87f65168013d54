import { DOCUMENTS } from './documents';
import { errorFromGraphQl, GraphQlClient, type GraphQlError } from './graphql';
import { type FetchLike, HttpClient } from './http';
import { type ConnectionStatus, type SubscriptionSink, type SubscriptionTransport, graphQlWsTransport } from './subscriptions';
import { TokenStore } from './tokens';
import type {
  AuditAction,
  AuditEntry,
  Caller,
  Dataset,
  DatasetAccessRules,
  FilterInput,
  Granularity,
  IngestionTask,
  IngestionTaskSummary,
  IngestionTaskUpdate,
  Interval,
  Kpi,
  MeasureDefinition,
  MeasureInput,
  OrderBy,
  Page,
  Permission,
  PrincipalKind,
  SchemaPreview,
  TableRow,
  TaskStatus,
  TimeseriesPoint,
  TopNEntry,
  UploadAccepted,
  UploadMode,
} from './types';

/** The local profile's dev clients; see the api module's security settings. Each one's secret is its id. */
export const DEV_CLIENTS = ['strata-admin', 'strata-analyst', 'strata-viewer'] as const;
export const DEV_CLIENT = { id: 'strata-admin', secret: 'strata-admin' } as const;

export interface StrataApiOptions {
  tokens?: TokenStore;
  fetch?: FetchLike;
  baseUrl?: string;
  subscriptions?: SubscriptionTransport;
}

/** What the dashboard's panels share: which rows (filter, interval) of which dataset. */
export interface Slice {
  dataset: string;
  filter?: FilterInput | null;
  interval?: Interval | null;
}

interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: Page<T>['pageInfo'];
}

const page = <T>(connection: Connection<T>): Page<T> => ({
  items: connection.edges.map((edge) => edge.node),
  pageInfo: connection.pageInfo,
});

/** Every call this app makes to Strata, typed. Construct once per app (or per test). */
export class StrataApi {
  readonly tokens: TokenStore;
  private readonly http: HttpClient;
  private readonly graphql: GraphQlClient;
  private readonly subscriptions: SubscriptionTransport | undefined;

  constructor(options: StrataApiOptions = {}) {
    this.tokens = options.tokens ?? new TokenStore();
    this.http = new HttpClient({ tokens: this.tokens, baseUrl: options.baseUrl, fetch: options.fetch });
    this.subscriptions = options.subscriptions;
    this.graphql = new GraphQlClient({
      tokens: this.tokens,
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      subscriptions: options.subscriptions,
    });
  }

  /** The browser setup: same-origin HTTP and a graphql-ws socket at /graphql. */
  static forBrowser(): StrataApi {
    const tokens = new TokenStore();
    return new StrataApi({ tokens, subscriptions: graphQlWsTransport(tokens) });
  }

  /** Client-credentials grant; keeps the token in memory and returns it. */
  async signIn(clientId: string = DEV_CLIENT.id, secret: string = DEV_CLIENT.secret): Promise<string> {
    const answer = await this.http.request<{ access_token: string; expires_in?: number }>('/oauth2/token', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${btoa(`${clientId}:${secret}`)}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    this.tokens.set(answer.access_token, answer.expires_in);
    return answer.access_token;
  }

  signOut(): void {
    this.tokens.clear();
  }

  async me(): Promise<Caller> {
    return (await this.graphql.query<{ me: Caller }>(DOCUMENTS.me)).me;
  }

  detectSchema(file: File): Promise<SchemaPreview> {
    return this.http.request('/api/v1/schema/detect', { method: 'POST', body: fileForm(file) });
  }

  /**
   * Sends the file as the request's raw body rather than a multipart form: the browser then announces its length,
   * which lets Strata store it in S3 as one streaming PUT, its fastest path (a form part's length is not known
   * before its end).
   */
  upload(dataset: string, file: File, mode?: UploadMode): Promise<UploadAccepted> {
    const query = new URLSearchParams({ fileName: file.name });
    if (mode) query.set('mode', mode);
    const path = `/api/v1/datasets/${encodeURIComponent(dataset)}/uploads?${query.toString()}`;
    return this.http.request(path, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    });
  }

  async ingestionTask(id: string): Promise<IngestionTask | null> {
    return (await this.graphql.query<{ ingestionTask: IngestionTask | null }>(DOCUMENTS.ingestionTask, { id }))
      .ingestionTask;
  }

  async ingestionTasks(dataset?: string, first = 20): Promise<IngestionTaskSummary[]> {
    return (await this.ingestionTaskPage({ dataset, first })).items;
  }

  /** Tasks newest first, a page at a time; `after` is the previous page's end cursor. */
  async ingestionTaskPage(
    options: { dataset?: string; status?: TaskStatus; first?: number; after?: string | null } = {},
  ): Promise<Page<IngestionTask>> {
    const data = await this.graphql.query<{ ingestionTasks: Connection<IngestionTask> }>(DOCUMENTS.ingestionTasks, {
      dataset: options.dataset ?? null,
      status: options.status ?? null,
      first: options.first ?? 20,
      after: options.after ?? null,
    });
    return page(data.ingestionTasks);
  }

  async cancelIngestion(id: string, reason?: string): Promise<IngestionTask> {
    type Data = { cancelIngestion: IngestionTask };
    return (await this.graphql.mutate<Data>(DOCUMENTS.cancelIngestion, { id, reason: reason ?? null })).cancelIngestion;
  }

  /** The live connection's status now and after each change; 'closed' forever without a transport. */
  watchConnection(listener: (status: ConnectionStatus) => void): () => void {
    if (!this.subscriptions?.watchConnection) {
      listener('closed');
      return () => undefined;
    }
    return this.subscriptions.watchConnection(listener);
  }

  /** Whether live updates can be tried at all; without them callers poll. */
  get canSubscribe(): boolean {
    return this.subscriptions !== undefined;
  }

  /** Live updates of one task: first its current state, then each change. */
  watchIngestionTask(id: string, sink: SubscriptionSink<IngestionTaskUpdate>): () => void {
    if (!this.subscriptions) {
      throw new Error('No subscription transport configured; poll ingestionTask instead');
    }
    return this.graphql.subscribe<{ ingestionTask: IngestionTaskUpdate }>(DOCUMENTS.watchIngestionTask, { id }, {
      next: (data) => sink.next(data.ingestionTask),
      error: (error) => sink.error(error),
      complete: () => sink.complete(),
    });
  }

  /** Every unfinished task (of one dataset, or all) as it is now, then every change of its tasks. */
  watchIngestionTasks(dataset: string | undefined, sink: SubscriptionSink<IngestionTask>): () => void {
    type Data = { ingestionTasks: IngestionTask };
    return this.graphql.subscribe<Data>(DOCUMENTS.watchIngestionTasks, { dataset: dataset ?? null }, {
      next: (data) => sink.next(data.ingestionTasks),
      error: (error) => sink.error(error),
      complete: () => sink.complete(),
    });
  }

  /**
   * The datasets the caller may read. A dataset some of whose fields failed (its Druid datasource missing, say) is
   * still listed, with those fields null and the reasons in `problems`; only an answer without data fails.
   */
  async datasets(): Promise<Dataset[]> {
    const { data, errors } = await this.graphql.queryPartial<{ datasets: Dataset[] | null }>(DOCUMENTS.datasets);
    if (!data.datasets) throw errorFromGraphQl(errors);
    return data.datasets.map((dataset, index) => withProblems(dataset, errors, ['datasets', index]));
  }

  /** Null when there is no such dataset, or the caller may not read it. */
  async dataset(name: string): Promise<Dataset | null> {
    const { data, errors } = await this.graphql.queryPartial<{ dataset: Dataset | null }>(DOCUMENTS.dataset, { name });
    if (!data.dataset) {
      if (errors.length > 0) throw errorFromGraphQl(errors);
      return null;
    }
    return withProblems(data.dataset, errors, ['dataset']);
  }

  /** With an interval, each value is compared with the period of the same length just before it. */
  async kpis(slice: Slice, measures: MeasureInput[], compareToPrevious = false): Promise<Kpi[]> {
    const data = await this.graphql.query<{ kpis: Kpi[] }>(DOCUMENTS.kpis, {
      ...sliceVariables(slice),
      measures,
      compareToPrevious: compareToPrevious && Boolean(slice.interval),
    });
    return data.kpis;
  }

  /** KPI values now and whenever they change (every refreshSeconds, and when an ingestion succeeds). */
  watchKpis(slice: Slice, measures: MeasureInput[], sink: SubscriptionSink<Kpi[]>, refreshSeconds = 10): () => void {
    type Data = { liveKpis: Kpi[] };
    return this.graphql.subscribe<Data>(DOCUMENTS.liveKpis, { ...sliceVariables(slice), measures, refreshSeconds }, {
      next: (data) => sink.next(data.liveKpis),
      error: (error) => sink.error(error),
      complete: () => sink.complete(),
    });
  }

  async timeseries(
    slice: Slice,
    measures: MeasureInput[],
    granularity: Granularity,
    options: { splitBy?: string | null; limit?: number | null } = {},
  ): Promise<TimeseriesPoint[]> {
    const data = await this.graphql.query<{ timeseries: TimeseriesPoint[] }>(DOCUMENTS.timeseries, {
      ...sliceVariables(slice),
      measures,
      granularity,
      splitBy: options.splitBy ?? null,
      limit: options.limit ?? null,
    });
    return data.timeseries;
  }

  async topN(slice: Slice, dimension: string, measure: MeasureInput, limit = 10): Promise<TopNEntry[]> {
    const data = await this.graphql.query<{ topN: TopNEntry[] }>(DOCUMENTS.topN, {
      ...sliceVariables(slice),
      dimension,
      measure,
      limit,
    });
    return data.topN;
  }

  async table(
    slice: Slice,
    query: { dimensions: string[]; measures: MeasureInput[]; orderBy?: OrderBy[]; first: number; after?: string | null },
  ): Promise<Page<TableRow>> {
    type Node = Omit<TableRow, 'cursor'>;
    const data = await this.graphql.query<{ table: Connection<Node> }>(DOCUMENTS.table, {
      ...sliceVariables(slice),
      dimensions: query.dimensions,
      measures: query.measures,
      orderBy: query.orderBy ?? null,
      first: query.first,
      after: query.after ?? null,
    });
    return {
      items: data.table.edges.map((edge) => ({ cursor: edge.cursor, ...edge.node })),
      pageInfo: data.table.pageInfo,
    };
  }

  async defineMeasure(dataset: string, name: string, expression: string): Promise<MeasureDefinition> {
    type Data = { defineMeasure: MeasureDefinition };
    return (await this.graphql.mutate<Data>(DOCUMENTS.defineMeasure, { dataset, name, expression })).defineMeasure;
  }

  async dropMeasure(dataset: string, name: string): Promise<boolean> {
    return (await this.graphql.mutate<{ dropMeasure: boolean }>(DOCUMENTS.dropMeasure, { dataset, name })).dropMeasure;
  }

  async datasetAccess(dataset: string): Promise<DatasetAccessRules> {
    type Data = { datasetAccess: DatasetAccessRules };
    return (await this.graphql.query<Data>(DOCUMENTS.datasetAccess, { dataset })).datasetAccess;
  }

  async grantDatasetAccess(
    dataset: string,
    principal: { kind: PrincipalKind; name: string },
    permission: Permission,
  ): Promise<void> {
    await this.graphql.mutate(DOCUMENTS.grantDatasetAccess, { dataset, principal, permission });
  }

  async revokeDatasetAccess(dataset: string, principal: { kind: PrincipalKind; name: string }): Promise<boolean> {
    type Data = { revokeDatasetAccess: boolean };
    return (await this.graphql.mutate<Data>(DOCUMENTS.revokeDatasetAccess, { dataset, principal })).revokeDatasetAccess;
  }

  async setRowPolicy(dataset: string, name: string, column: string, claim: string): Promise<void> {
    await this.graphql.mutate(DOCUMENTS.setRowPolicy, { dataset, name, column, claim });
  }

  async dropRowPolicy(dataset: string, name: string): Promise<boolean> {
    return (await this.graphql.mutate<{ dropRowPolicy: boolean }>(DOCUMENTS.dropRowPolicy, { dataset, name }))
      .dropRowPolicy;
  }

  async auditLog(
    options: { actions?: AuditAction[]; subject?: string; dataset?: string; first?: number; after?: string | null } = {},
  ): Promise<Page<AuditEntry>> {
    const data = await this.graphql.query<{ auditLog: Connection<AuditEntry> }>(DOCUMENTS.auditLog, {
      action: options.actions && options.actions.length > 0 ? options.actions : null,
      subject: options.subject || null,
      dataset: options.dataset || null,
      first: options.first ?? 50,
      after: options.after ?? null,
    });
    return page(data.auditLog);
  }
}

function sliceVariables(slice: Slice): Record<string, unknown> {
  return { dataset: slice.dataset, filter: slice.filter ?? null, interval: slice.interval ?? null };
}

/** The dataset with why it is unavailable (the server's own reason) and the messages of errors about its fields. */
function withProblems(dataset: Dataset, errors: GraphQlError[], at: (string | number)[]): Dataset {
  const own = errors.filter((e) => at.every((step, i) => e.path?.[i] === step)).map((e) => e.message);
  const problems = dataset.available === false && dataset.unavailableReason ? [dataset.unavailableReason, ...own] : own;
  return problems.length === 0 ? dataset : { ...dataset, problems };
}

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}
