import { GraphQlClient } from './graphql';
import { type FetchLike, HttpClient } from './http';
import { type SubscriptionSink, type SubscriptionTransport, graphQlWsTransport } from './subscriptions';
import { TokenStore } from './tokens';
import type {
  Dataset,
  Granularity,
  IngestionTask,
  IngestionTaskSummary,
  IngestionTaskUpdate,
  Interval,
  Kpi,
  MeasureInput,
  SchemaPreview,
  TimeseriesPoint,
  UploadAccepted,
  UploadMode,
} from './types';

/** The local profile's dev client; see the api module's security settings. */
export const DEV_CLIENT = { id: 'strata-admin', secret: 'strata-admin' } as const;

const INGESTION_TASK = `query IngestionTask($id: ID!) {
  ingestionTask(id: $id) { id dataset status rowsProcessed rowsUnparseable error createdAt updatedAt }
}`;
const INGESTION_TASKS = `query IngestionTasks($dataset: ID, $first: Int) {
  ingestionTasks(dataset: $dataset, first: $first) { edges { node { id dataset status createdAt } } }
}`;
const WATCH_INGESTION_TASK = `subscription WatchIngestionTask($id: ID!) {
  ingestionTask(id: $id) { id status rowsProcessed error }
}`;
const DATASETS = `query Datasets { datasets { name rowCount timeRange { start end } columns { name type role } } }`;
const KPIS = `query Kpis($dataset: ID!, $measures: [MeasureInput!]!, $interval: IntervalInput, $compareToPrevious: Boolean) {
  kpis(dataset: $dataset, measures: $measures, interval: $interval, compareToPrevious: $compareToPrevious) { measure value previous change }
}`;
// The granularity is written into the document, not passed as a variable: the contract names its
// values (DAY) but not its enum type, and a variable would have to declare that type.
const timeseriesQuery = (granularity: Granularity) => `query Timeseries($dataset: ID!, $measures: [MeasureInput!]!) {
  timeseries(dataset: $dataset, measures: $measures, granularity: ${granularity}) { time split values { measure value } }
}`;

export interface StrataApiOptions {
  tokens?: TokenStore;
  fetch?: FetchLike;
  baseUrl?: string;
  subscriptions?: SubscriptionTransport;
}

/** Every call this app makes to Strata, typed. Construct once per app (or per test). */
export class StrataApi {
  readonly tokens: TokenStore;
  private readonly http: HttpClient;
  private readonly graphql: GraphQlClient;
  private readonly subscriptions: SubscriptionTransport | undefined;

  constructor(options: StrataApiOptions = {}) {
    this.tokens = options.tokens ?? new TokenStore();
    this.http = new HttpClient({ tokens: this.tokens, baseUrl: options.baseUrl, fetch: options.fetch });
    this.graphql = new GraphQlClient(this.http);
    this.subscriptions = options.subscriptions;
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
    const data = await this.graphql.query<{ ingestionTask: IngestionTask | null }>(INGESTION_TASK, { id });
    return data.ingestionTask;
  }

  async ingestionTasks(dataset?: string, first = 20): Promise<IngestionTaskSummary[]> {
    const data = await this.graphql.query<{ ingestionTasks: { edges: { node: IngestionTaskSummary }[] } }>(
      INGESTION_TASKS,
      { dataset: dataset ?? null, first },
    );
    return data.ingestionTasks.edges.map((edge) => edge.node);
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
    type Data = { ingestionTask: IngestionTaskUpdate };
    return this.subscriptions.subscribe<Data>(WATCH_INGESTION_TASK, { id }, {
      next: (data) => sink.next(data.ingestionTask),
      error: (error) => sink.error(error),
      complete: () => sink.complete(),
    });
  }

  async datasets(): Promise<Dataset[]> {
    return (await this.graphql.query<{ datasets: Dataset[] }>(DATASETS)).datasets;
  }

  /** With an interval, each value is compared with the period of the same length just before it. */
  async kpis(dataset: string, measures: MeasureInput[], interval?: Interval | null): Promise<Kpi[]> {
    const data = await this.graphql.query<{ kpis: Kpi[] }>(KPIS, {
      dataset,
      measures,
      interval: interval ?? null,
      compareToPrevious: Boolean(interval),
    });
    return data.kpis;
  }

  async timeseries(
    dataset: string,
    measures: MeasureInput[],
    granularity: Granularity = 'DAY',
  ): Promise<TimeseriesPoint[]> {
    if (!/^[A-Z_]+$/.test(granularity)) throw new Error(`granularity must be an enum value: ${granularity}`);
    const data = await this.graphql.query<{ timeseries: TimeseriesPoint[] }>(timeseriesQuery(granularity), {
      dataset,
      measures,
    });
    return data.timeseries;
  }
}

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}
