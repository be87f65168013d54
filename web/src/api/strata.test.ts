import { describe, expect, it } from 'vitest';
import { fakeFetch, graphQlBody, graphQlData, json } from '../test/fakeFetch';
import { ApiError } from './errors';
import { StrataApi } from './strata';
import { TokenStore } from './tokens';

const csv = () => new File(['day,amount\n2024-01-01,3\n'], 'sales.csv', { type: 'text/csv' });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('StrataApi requests', () => {
  it('uploads the file as the raw body, its name and the mode in the query', async () => {
    const accepted = { uploadId: 'u1', taskId: 't1', dataset: 'sales', schema: { columns: [] }, report: {} };
    const fetch = fakeFetch(json(accepted, 202));
    const api = new StrataApi({ fetch });

    const answer = await api.upload('sales', csv(), 'append');

    expect(answer).toEqual(accepted);
    const [request] = fetch.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v1/datasets/sales/uploads?fileName=sales.csv&mode=append');
    // The file itself, so the browser announces its length (Strata then stores it with one streaming PUT).
    expect(request?.body).toBeInstanceOf(File);
    expect(await (request?.body as File).text()).toBe('day,amount\n2024-01-01,3\n');
    expect(request?.headers.get('Content-Type')).toBe('text/csv');
  });

  it('sends a file the browser has no type for as application/octet-stream, named in the query', async () => {
    const fetch = fakeFetch(json({}, 202));
    await new StrataApi({ fetch }).upload('sales', new File([new Uint8Array([1, 2])], 'q 1 & 2.parquet'));
    expect(fetch.requests[0]?.url).toBe('/api/v1/datasets/sales/uploads?fileName=q+1+%26+2.parquet');
    expect(fetch.requests[0]?.headers.get('Content-Type')).toBe('application/octet-stream');
  });

  it('omits the mode parameter when none is chosen', async () => {
    const fetch = fakeFetch(json({}, 202));
    await new StrataApi({ fetch }).upload('sales', csv());
    expect(fetch.requests[0]?.url).toBe('/api/v1/datasets/sales/uploads?fileName=sales.csv');
  });

  it('posts the file to schema detection', async () => {
    const fetch = fakeFetch(json({ schema: { columns: [] }, report: {}, spec: {} }));
    await new StrataApi({ fetch }).detectSchema(csv());
    expect(fetch.requests[0]?.url).toBe('/api/v1/schema/detect');
    expect(((fetch.requests[0]?.body as FormData).get('file') as File).name).toBe('sales.csv');
  });

  it('sends GraphQL as a JSON POST of query and variables', async () => {
    const fetch = fakeFetch(graphQlData({ kpis: [{ measure: 'COUNT', value: 10, previous: 8, change: 0.25 }] }));
    const api = new StrataApi({ fetch, baseUrl: 'http://strata.test' });
    const interval = { start: '2024-01-01T00:00:00Z', end: '2024-02-01T00:00:00Z' };

    const kpis = await api.kpis({ dataset: 'sales', interval }, [{ aggregate: 'COUNT' }], true);

    expect(kpis).toEqual([{ measure: 'COUNT', value: 10, previous: 8, change: 0.25 }]);
    const request = fetch.requests[0]!;
    expect(request.url).toBe('http://strata.test/graphql');
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    const body = graphQlBody(request);
    expect(body.query).toContain('compareToPrevious: $compareToPrevious');
    expect(body.variables).toEqual({
      dataset: 'sales',
      filter: null,
      interval,
      measures: [{ aggregate: 'COUNT' }],
      compareToPrevious: true,
    });
  });

  it('asks for no comparison without an interval: the API compares only an interval with both ends', async () => {
    const fetch = fakeFetch(graphQlData({ kpis: [] }));
    await new StrataApi({ fetch }).kpis({ dataset: 'sales' }, [{ aggregate: 'COUNT' }], true);
    expect(graphQlBody(fetch.requests[0]!).variables).toMatchObject({ interval: null, compareToPrevious: false });
  });

  it('passes the granularity, filter and split of a time series as variables', async () => {
    const fetch = fakeFetch(graphQlData({ timeseries: [] }));
    const filter = { dimension: 'country', eq: 'FR' };
    await new StrataApi({ fetch }).timeseries({ dataset: 'sales', filter }, [{ aggregate: 'COUNT' }], 'HOUR', { splitBy: 'device' });
    expect(graphQlBody(fetch.requests[0]!).variables).toEqual({
      dataset: 'sales',
      filter,
      interval: null,
      measures: [{ aggregate: 'COUNT' }],
      granularity: 'HOUR',
      splitBy: 'device',
      limit: null,
    });
  });

  it('unwraps table edges into rows that keep their cursors', async () => {
    const node = { dimensions: [{ dimension: 'country', value: 'FR' }], values: [{ measure: 'COUNT', value: 3 }] };
    const fetch = fakeFetch(graphQlData({ table: { edges: [{ cursor: 'c1', node }], pageInfo: { hasNextPage: true, endCursor: 'c1' } } }));
    const page = await new StrataApi({ fetch }).table({ dataset: 'sales' }, { dimensions: ['country'], measures: [{ aggregate: 'COUNT' }], first: 1, after: 'c0' });
    expect(page).toEqual({ items: [{ cursor: 'c1', ...node }], pageInfo: { hasNextPage: true, endCursor: 'c1' } });
    expect(graphQlBody(fetch.requests[0]!).variables).toMatchObject({ first: 1, after: 'c0', orderBy: null });
  });

  it('unwraps ingestion task edges into nodes', async () => {
    const node = { id: 't1', dataset: 'sales', status: 'RUNNING', createdAt: '2024-01-01T00:00:00Z' };
    const fetch = fakeFetch(graphQlData({ ingestionTasks: { edges: [{ cursor: 't1', node }], pageInfo: { hasNextPage: false, endCursor: 't1' } } }));
    const tasks = await new StrataApi({ fetch }).ingestionTasks('sales', 5);
    expect(tasks).toEqual([node]);
    expect(graphQlBody(fetch.requests[0]!).variables).toEqual({ dataset: 'sales', status: null, first: 5, after: null });
  });

  it('lists a dataset some of whose fields failed, with the reasons, instead of failing the list', async () => {
    const fetch = fakeFetch(
      json({
        data: { datasets: [{ name: 'a', rowCount: null, columns: [] }, { name: 'b', rowCount: 3, columns: [] }] },
        errors: [{ message: 'datasource a is missing', path: ['datasets', 0, 'rowCount'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } }],
      }),
    );
    const datasets = await new StrataApi({ fetch }).datasets();
    expect(datasets).toEqual([
      { name: 'a', rowCount: null, columns: [], problems: ['datasource a is missing'] },
      { name: 'b', rowCount: 3, columns: [] },
    ]);
  });
});

describe('StrataApi tokens', () => {
  it('sends no Authorization header while signed out', async () => {
    const fetch = fakeFetch(graphQlData({ datasets: [] }));
    await new StrataApi({ fetch }).datasets();
    expect(fetch.requests[0]?.headers.has('Authorization')).toBe(false);
  });

  it('signs in with client credentials and attaches the token to later requests', async () => {
    const fetch = fakeFetch(json({ access_token: 'tok-123', expires_in: 300 }), graphQlData({ datasets: [] }), json({}, 202));
    const api = new StrataApi({ fetch });

    await api.signIn('strata-admin', 'strata-admin');
    await api.datasets();
    await api.upload('sales', csv());

    const [token, graphql, upload] = fetch.requests;
    expect(token?.url).toBe('/oauth2/token');
    expect(token?.method).toBe('POST');
    expect(token?.headers.get('Authorization')).toBe(`Basic ${btoa('strata-admin:strata-admin')}`);
    expect(token?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(token?.body).toBe('grant_type=client_credentials');
    expect(graphql?.headers.get('Authorization')).toBe('Bearer tok-123');
    expect(upload?.headers.get('Authorization')).toBe('Bearer tok-123');
  });

  it('stops sending the token once it has expired', async () => {
    let now = 1_000_000;
    const tokens = new TokenStore(() => now);
    const fetch = fakeFetch(graphQlData({ datasets: [] }));
    const api = new StrataApi({ fetch, tokens });
    tokens.set('short-lived', 60);

    await api.datasets();
    now += 60_000;
    await api.datasets();

    expect(fetch.requests[0]?.headers.get('Authorization')).toBe('Bearer short-lived');
    expect(fetch.requests[1]?.headers.has('Authorization')).toBe(false);
  });

  it('forgets the token on sign-out', async () => {
    const fetch = fakeFetch(graphQlData({ datasets: [] }));
    const api = new StrataApi({ fetch });
    api.tokens.set('tok');
    api.signOut();
    await api.datasets();
    expect(fetch.requests[0]?.headers.has('Authorization')).toBe(false);
  });
});

describe('StrataApi errors', () => {
  it('turns the server error body into an ApiError with message, details and status', async () => {
    const details = ['row 3, column amount: "abc" is not a number'];
    const fetch = fakeFetch(json({ error: 'The file has invalid rows', details }, 400));

    const error = await failure(new StrataApi({ fetch }).upload('sales', csv()));

    expect(error.kind).toBe('BAD_REQUEST');
    expect(error.status).toBe(400);
    expect(error.message).toBe('The file has invalid rows');
    expect(error.details).toEqual(details);
  });

  it('classifies a bare 401 as unauthorized and tells the user to sign in', async () => {
    const fetch = fakeFetch(() => new Response(null, { status: 401 }));
    const error = await failure(new StrataApi({ fetch }).datasets());
    expect(error.kind).toBe('UNAUTHORIZED');
    expect(error.hint).toMatch(/sign in/i);
  });

  it('classifies 409 as a conflict and suggests another mode', async () => {
    const fetch = fakeFetch(json({ error: 'Dataset sales already exists' }, 409));
    const error = await failure(new StrataApi({ fetch }).upload('sales', csv(), 'create'));
    expect(error.kind).toBe('CONFLICT');
    expect(error.hint).toMatch(/append/);
  });

  it('reports a refused sign-in with the OAuth error description', async () => {
    const fetch = fakeFetch(json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401));
    const api = new StrataApi({ fetch });
    const error = await failure(api.signIn('strata-admin', 'wrong'));
    expect(error.message).toBe('invalid_client: Client authentication failed');
    expect(api.tokens.get()).toBeUndefined();
  });

  it('reports an unreachable server as a network error', async () => {
    const fetch = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(new StrataApi({ fetch }).datasets());
    expect(error.kind).toBe('NETWORK');
    expect(error.message).toContain('Failed to fetch');
    expect(error.hint).toMatch(/running/);
  });

  it('fails a GraphQL answer with errors, classified by the first error', async () => {
    const fetch = fakeFetch(
      json({
        data: null,
        errors: [{ message: 'No dataset named [nope]', extensions: { classification: 'NOT_FOUND' } }],
      }),
    );
    const error = await failure(new StrataApi({ fetch }).kpis({ dataset: 'nope' }, [{ aggregate: 'COUNT' }]));
    expect(error.kind).toBe('NOT_FOUND');
    expect(error.message).toBe('No dataset named [nope]');
  });

  it('treats an unknown GraphQL error code as an internal error', async () => {
    const fetch = fakeFetch(json({ errors: [{ message: 'boom', extensions: { code: 'SOMETHING_NEW' } }] }));
    const error = await failure(new StrataApi({ fetch }).datasets());
    expect(error.kind).toBe('INTERNAL_ERROR');
  });

  it('reads an HTML error page as an error, not as JSON', async () => {
    const page = () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const rest = await failure(new StrataApi({ fetch: fakeFetch(page) }).upload('sales', csv()));
    expect(rest.kind).toBe('UNAVAILABLE');
    expect(rest.message).toBe('Bad Gateway');
    expect(rest.details).toBe('<html>Bad gateway</html>');
    const graphql = await failure(new StrataApi({ fetch: fakeFetch(page) }).datasets());
    expect(graphql.kind).toBe('UNAVAILABLE');
    expect(graphql.message).toBe('Bad Gateway');
  });
});
