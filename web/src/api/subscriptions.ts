import { type Client, type ClientOptions, createClient } from 'graphql-ws';
import { ApiError } from './errors';
import { errorFromGraphQl, type GraphQlError } from './graphql';
import type { TokenStore } from './tokens';

export interface SubscriptionSink<T> {
  next(data: T): void;
  error(error: ApiError): void;
  complete(): void;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'closed';

/** Runs GraphQL subscriptions; returns a function that ends the subscription. */
export interface SubscriptionTransport {
  subscribe<T>(document: string, variables: Record<string, unknown>, sink: SubscriptionSink<T>): () => void;
  /**
   * Calls the listener with the live connection's status now and after each change (connected: the server
   * acknowledged the socket, so subscriptions on it are live even before their first event). Optional.
   */
  watchConnection?(listener: (status: ConnectionStatus) => void): () => void;
}

/** The graphql-ws endpoint next to the page: ws(s)://<host>/graphql. */
export function defaultWebSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * graphql-ws with the bearer token in `connectionParams`. The server checks the token once, when
 * the socket opens, so a new token closes the socket and the next subscription opens a fresh one.
 */
export function graphQlWsTransport(
  tokens: TokenStore,
  url: string = defaultWebSocketUrl(),
  create: (options: ClientOptions) => Client = createClient,
): SubscriptionTransport {
  let client: Client | undefined;
  let status: ConnectionStatus = 'closed';
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const report = (next: ConnectionStatus) => {
    status = next;
    for (const listener of listeners) listener(next);
  };
  tokens.subscribe(() => {
    client?.dispose();
    client = undefined;
  });
  const currentClient = () => {
    if (client) return client;
    // A disposed client's late events must not speak for its successor.
    const from = (status: ConnectionStatus) => () => {
      if (client === created) report(status);
    };
    const created: Client = create({
      url,
      lazy: true,
      retryAttempts: 2,
      connectionParams: () => {
        const token = tokens.get();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      on: { connecting: from('connecting'), connected: from('connected'), closed: from('closed') },
    });
    client = created;
    return created;
  };

  return {
    watchConnection(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    subscribe<T>(document: string, variables: Record<string, unknown>, sink: SubscriptionSink<T>) {
      return currentClient().subscribe<T>(
        { query: document, variables },
        {
          next: (result) => {
            if (result.errors && result.errors.length > 0) {
              sink.error(errorFromGraphQl(result.errors as unknown as GraphQlError[]));
            } else if (result.data) {
              sink.next(result.data as T);
            }
          },
          error: (error) => sink.error(errorFromSocket(error)),
          complete: () => sink.complete(),
        },
      );
    },
  };
}

/** graphql-ws reports a list of GraphQL errors, a CloseEvent, or an Error. */
export function errorFromSocket(error: unknown): ApiError {
  if (Array.isArray(error)) return errorFromGraphQl(error as GraphQlError[]);
  if (isCloseEvent(error)) {
    if (error.code === 4401) return new ApiError('The subscription was refused: not signed in', 'UNAUTHORIZED');
    if (error.code === 4403) return new ApiError('The subscription was refused: forbidden', 'FORBIDDEN');
    const reason = error.reason ? `: ${error.reason}` : '';
    return new ApiError(`The live connection closed (code ${error.code}${reason})`, 'NETWORK');
  }
  if (error instanceof Error) return new ApiError(`Live connection failed: ${error.message}`, 'NETWORK');
  return new ApiError('Live connection failed', 'NETWORK');
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number';
}
