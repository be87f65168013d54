import { Client, type CombinedError, fetchExchange, type OperationResult, subscriptionExchange } from '@urql/core';
import { onEnd, pipe, subscribe } from 'wonka';
import { ApiError, kindForGraphQlCode, kindForStatus } from './errors';
import { type FetchLike, isRecord } from './http';
import { errorFromSocket, type SubscriptionSink, type SubscriptionTransport } from './subscriptions';
import type { TokenStore } from './tokens';

export interface GraphQlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** An answer that may hold data beside errors about some of its fields. */
export interface PartialResult<T> {
  data: T;
  errors: GraphQlError[];
}

export interface GraphQlClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: FetchLike;
  /** graphql-ws in the browser, a fake in tests; without it subscriptions fail and callers poll. */
  subscriptions?: SubscriptionTransport;
}

/**
 * GraphQL over urql: queries and mutations as JSON POSTs to /graphql (never GET: the server's response cache keys
 * POST bodies), subscriptions over the transport (graphql-ws). No document cache: a dashboard asks for fresh
 * numbers and the server keeps its own cache, exact per data version. Every failure becomes an {@link ApiError}
 * classified like the server's error types.
 */
export class GraphQlClient {
  readonly client: Client;

  constructor(options: GraphQlClientOptions) {
    const { tokens, subscriptions } = options;
    const fetchFn = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
    this.client = new Client({
      url: `${options.baseUrl ?? ''}/graphql`,
      preferGetMethod: false,
      requestPolicy: 'network-only',
      fetch: (input, init) => fetchFn(String(input), init),
      fetchOptions: () => {
        const token = tokens.get();
        const headers: Record<string, string> = { accept: 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        return { headers };
      },
      exchanges: [
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => {
              if (!subscriptions) {
                sink.error(new ApiError('No live connection configured', 'NETWORK'));
                return { unsubscribe: () => undefined };
              }
              const unsubscribe = subscriptions.subscribe<unknown>(request.query ?? '', request.variables ?? {}, {
                next: (data) => sink.next({ data: data as Record<string, unknown> }),
                error: (error) => sink.error(error),
                complete: () => sink.complete(),
              });
              return { unsubscribe };
            },
          }),
        }),
        fetchExchange,
      ],
    });
  }

  /** The data, or an ApiError when the answer holds any error. */
  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { data, errors } = await this.queryPartial<T>(document, variables);
    if (errors.length > 0) throw errorFromGraphQl(errors);
    return data;
  }

  /** The data with the errors about some of its fields; an ApiError when there is no data at all. */
  async queryPartial<T>(document: string, variables: Record<string, unknown> = {}): Promise<PartialResult<T>> {
    return partial<T>(await this.client.query(document, variables).toPromise());
  }

  async mutate<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { data, errors } = partial<T>(await this.client.mutation(document, variables).toPromise());
    if (errors.length > 0) throw errorFromGraphQl(errors);
    return data;
  }

  /** Each result's data to the sink until the subscription ends; returns the function that ends it. */
  subscribe<T>(document: string, variables: Record<string, unknown>, sink: SubscriptionSink<T>): () => void {
    // wonka's onEnd also runs when we unsubscribe; only an end the server chose is a completion.
    let ended = false;
    const { unsubscribe } = pipe(
      this.client.subscription(document, variables),
      onEnd(() => {
        if (!ended) sink.complete();
        ended = true;
      }),
      subscribe((result: OperationResult) => {
        if (ended) return;
        if (result.error) {
          ended = true;
          sink.error(errorFromCombined(result.error, true));
        } else if (isRecord(result.data)) {
          sink.next(result.data as T);
        }
      }),
    );
    return () => {
      ended = true;
      unsubscribe();
    };
  }
}

function partial<T>(result: OperationResult): PartialResult<T> {
  const errors = result.error ? (result.error.graphQLErrors as unknown as GraphQlError[]) : [];
  if (result.error && (result.error.networkError || !isRecord(result.data))) {
    throw errorFromCombined(result.error, false);
  }
  if (!isRecord(result.data)) throw new ApiError('The server answered without data', 'INTERNAL_ERROR');
  return { data: result.data as T, errors: errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) };
}

/** urql's CombinedError as an ApiError: GraphQL errors by their code, transport failures by HTTP status or socket. */
export function errorFromCombined(error: CombinedError, socket: boolean): ApiError {
  if (error.graphQLErrors.length > 0) {
    return errorFromGraphQl(error.graphQLErrors as unknown as GraphQlError[]);
  }
  const network = error.networkError as unknown;
  if (network instanceof ApiError) return network;
  const status = error.response instanceof Response ? error.response.status : undefined;
  if (status !== undefined && (status < 200 || status >= 300)) {
    const message = status === 401 ? 'Not signed in, or the token has expired' : error.response.statusText || `HTTP ${status}`;
    return new ApiError(message, kindForStatus(status), { status });
  }
  if (socket) return errorFromSocket(network);
  const reason = network instanceof Error ? network.message : String(network);
  return new ApiError(`Could not reach the server (${reason})`, 'NETWORK');
}

/** One ApiError for a list of GraphQL errors; the first error decides the kind. */
export function errorFromGraphQl(errors: ReadonlyArray<GraphQlError>): ApiError {
  const first = errors[0];
  const extensions = first?.extensions ?? {};
  const kind = kindForGraphQlCode(extensions.code ?? extensions.classification);
  const message = errors.map((e) => e.message).join('; ') || 'GraphQL request failed';
  return new ApiError(message, kind, { details: errors });
}

/** The field a BAD_REQUEST names (`extensions.field`), so a form can show the message at that field. */
export function fieldOf(error: ApiError): string | undefined {
  if (!Array.isArray(error.details)) return undefined;
  const extensions = (error.details[0] as GraphQlError | undefined)?.extensions;
  return typeof extensions?.field === 'string' ? extensions.field : undefined;
}
