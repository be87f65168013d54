import type { FetchLike } from '../api/http';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
}

type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * A fetch that records each request and answers from a queue of responders (the last one repeats).
 * Throwing from a responder simulates a network failure.
 */
export function fakeFetch(...responders: Responder[]): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const request: RecordedRequest = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
    };
    requests.push(request);
    const responder = responders[Math.min(requests.length - 1, responders.length - 1)];
    if (!responder) throw new Error(`fakeFetch has no answer for ${url}`);
    return responder(request);
  };
  return Object.assign(fetch, { requests });
}

export function json(body: unknown, status = 200): Responder {
  return () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function graphQlData(data: unknown): Responder {
  return json({ data });
}

/** The parsed JSON body of a recorded GraphQL request. */
export function graphQlBody(request: RecordedRequest): { query: string; variables: Record<string, unknown> } {
  if (typeof request.body !== 'string') throw new Error('expected a JSON string body');
  return JSON.parse(request.body) as { query: string; variables: Record<string, unknown> };
}
