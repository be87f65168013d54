import type { Client, ClientOptions, Sink } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { errorFromSocket, graphQlWsTransport, defaultWebSocketUrl } from './subscriptions';
import { TokenStore } from './tokens';

/** Stands in for graphql-ws's createClient: records options, subscriptions and disposal. */
function fakeClients() {
  const created: { options: ClientOptions; disposed: boolean; sinks: Sink[] }[] = [];
  const create = (options: ClientOptions): Client => {
    const record = { options, disposed: false, sinks: [] as Sink[] };
    created.push(record);
    return {
      subscribe: (_payload: unknown, sink: Sink) => {
        record.sinks.push(sink);
        return () => undefined;
      },
      dispose: () => {
        record.disposed = true;
      },
    } as unknown as Client;
  };
  return { created, create };
}

async function params(options: ClientOptions): Promise<unknown> {
  const value = options.connectionParams;
  return typeof value === 'function' ? await value() : value;
}

const noop = { next: () => undefined, error: () => undefined, complete: () => undefined };

describe('graphQlWsTransport', () => {
  it('reports the connection of the current socket, not of one a new token replaced', () => {
    const tokens = new TokenStore();
    tokens.set('old');
    const clients = fakeClients();
    const transport = graphQlWsTransport(tokens, 'ws://x/graphql', clients.create);
    const seen: string[] = [];
    transport.watchConnection?.((status) => seen.push(status));
    transport.subscribe('subscription { x }', {}, noop);
    const first = clients.created[0]!.options.on!;

    first.connecting?.(false);
    first.connected?.({} as never, undefined, false);
    tokens.set('new');
    first.closed?.({});

    expect(seen).toEqual(['closed', 'connecting', 'connected']);
  });

  it('sends the bearer token in connectionParams', async () => {
    const tokens = new TokenStore();
    tokens.set('tok-1');
    const clients = fakeClients();
    const transport = graphQlWsTransport(tokens, 'ws://strata.test/graphql', clients.create);

    transport.subscribe('subscription { x }', {}, noop);

    expect(clients.created).toHaveLength(1);
    expect(clients.created[0]!.options.url).toBe('ws://strata.test/graphql');
    expect(await params(clients.created[0]!.options)).toEqual({ Authorization: 'Bearer tok-1' });
  });

  it('sends empty connectionParams while signed out', async () => {
    const clients = fakeClients();
    graphQlWsTransport(new TokenStore(), 'ws://x/graphql', clients.create).subscribe('subscription { x }', {}, noop);
    expect(await params(clients.created[0]!.options)).toEqual({});
  });

  it('closes the socket when the token changes and opens a new one with the new token', async () => {
    const tokens = new TokenStore();
    tokens.set('old');
    const clients = fakeClients();
    const transport = graphQlWsTransport(tokens, 'ws://x/graphql', clients.create);
    transport.subscribe('subscription { x }', {}, noop);

    tokens.set('new');
    transport.subscribe('subscription { x }', {}, noop);

    expect(clients.created).toHaveLength(2);
    expect(clients.created[0]!.disposed).toBe(true);
    expect(await params(clients.created[1]!.options)).toEqual({ Authorization: 'Bearer new' });
  });

  it('passes data on and turns GraphQL errors in a result into an ApiError', () => {
    const clients = fakeClients();
    const received: unknown[] = [];
    const errors: string[] = [];
    graphQlWsTransport(new TokenStore(), 'ws://x/graphql', clients.create).subscribe('subscription { x }', {}, {
      next: (data) => received.push(data),
      error: (error) => errors.push(`${error.kind}: ${error.message}`),
      complete: () => undefined,
    });
    const sink = clients.created[0]!.sinks[0]!;

    sink.next({ data: { x: 1 } });
    sink.next({ errors: [{ message: 'denied', extensions: { classification: 'FORBIDDEN' } }] } as never);

    expect(received).toEqual([{ x: 1 }]);
    expect(errors).toEqual(['FORBIDDEN: denied']);
  });
});

describe('errorFromSocket', () => {
  it('maps the 4401 close code to unauthorized', () => {
    expect(errorFromSocket({ code: 4401, reason: 'Unauthorized' }).kind).toBe('UNAUTHORIZED');
  });

  it('maps other close codes to a network error that names the code', () => {
    const error = errorFromSocket({ code: 1006, reason: '' });
    expect(error.kind).toBe('NETWORK');
    expect(error.message).toContain('1006');
  });
});

describe('defaultWebSocketUrl', () => {
  it('uses wss behind https and ws otherwise', () => {
    expect(defaultWebSocketUrl({ protocol: 'https:', host: 'strata.example:443' })).toBe('wss://strata.example:443/graphql');
    expect(defaultWebSocketUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/graphql');
  });
});
