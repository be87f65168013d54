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

    const kpis = await api.kpis('sales', [{ aggregate: 'COUNT' }], interval);

    expect(kpis).toEqual([{ measure: 'COUNT', value: 10, previous: 8, change: 0.25 }]);
    const request = fetch.requests[0]!;
    expect(request.url).toBe('http://strata.test/graphql');
    expect(request.method).toBe('POST');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    const body = graphQlBody(request);
    expect(body.query).toContain('compareToPrevious: $compareToPrevious');
    // The API compares only an interval with both ends, so the comparison is asked only with one.
    expect(body.variables).toEqual({ dataset: 'sales', measures: [{ aggregate: 'COUNT' }], interval, compareToPrevious: true });
  });

  it('writes the granularity into the timeseries query as an enum value', async () => {
    const fetch = fakeFetch(graphQlData({ timeseries: [] }));
    await new StrataApi({ fetch }).timeseries('sales', [{ aggregate: 'COUNT' }], 'DAY');
    const body = graphQlBody(fetch.requests[0]!);
    expect(body.query).toContain('granularity: DAY');
    expect(body.variables).toEqual({ dataset: 'sales', measures: [{ aggregate: 'COUNT' }] });
  });

  it('unwraps ingestion task edges into nodes', async () => {
    const node = { id: 't1', dataset: 'sales', status: 'RUNNING', createdAt: '2024-01-01T00:00:00Z' };
    const fetch = fakeFetch(graphQlData({ ingestionTasks: { edges: [{ node }] } }));
    const tasks = await new StrataApi({ fetch }).ingestionTasks('sales', 5);
    expect(tasks).toEqual([node]);
    expect(graphQlBody(fetch.requests[0]!).variables).toEqual({ dataset: 'sales', first: 5 });
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
    const error = await failure(new StrataApi({ fetch }).kpis('nope', [{ name: 'rows', aggregate: 'COUNT' }]));
    expect(error.kind).toBe('NOT_FOUND');
    expect(error.message).toBe('No dataset named [nope]');
  });

  it('treats an unknown GraphQL error code as an internal error', async () => {
    const fetch = fakeFetch(json({ errors: [{ message: 'boom', extensions: { code: 'SOMETHING_NEW' } }] }));
    const error = await failure(new StrataApi({ fetch }).datasets());
    expect(error.kind).toBe('INTERNAL_ERROR');
  });

  it('reads an HTML error page as an error, not as JSON', async () => {
    const fetch = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await failure(new StrataApi({ fetch }).datasets());
    expect(error.kind).toBe('UNAVAILABLE');
    expect(error.message).toBe('Bad Gateway');
    expect(error.details).toBe('<html>Bad gateway</html>');
  });
});
