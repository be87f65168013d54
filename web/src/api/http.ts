import { ApiError, kindForStatus } from './errors';
import type { TokenStore } from './tokens';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  tokens: TokenStore;
  /** Prefix for every path; empty means same origin (the server serves this app). */
  baseUrl?: string;
  /** Injected in tests; defaults to the browser's fetch. */
  fetch?: FetchLike;
}

/**
 * JSON over fetch with the bearer token attached. Every failure becomes an {@link ApiError}:
 * HTTP errors from the server's `{"error", "details"}` body, network failures as `NETWORK`.
 */
export class HttpClient {
  private readonly tokens: TokenStore;
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;

  constructor(options: HttpClientOptions) {
    this.tokens = options.tokens;
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    const token = this.tokens.get();
    // A caller that sets its own Authorization (the token endpoint's basic auth) keeps it.
    if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);

    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, { ...init, headers });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(`Could not reach the server (${reason})`, 'NETWORK');
    }
    const body = await readBody(response);
    if (!response.ok) throw errorFromResponse(response, body);
    return body as T;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const kind = kindForStatus(response.status);
  if (isRecord(body) && typeof body.error === 'string') {
    // OAuth2 endpoints answer {"error": "invalid_client", "error_description": "..."}.
    const message =
      typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error;
    return new ApiError(message, kind, { status: response.status, details: body.details });
  }
  // A bare 401 from the security filter has no body at all.
  const fallback = response.status === 401 ? 'Not signed in, or the token has expired' : response.statusText;
  return new ApiError(fallback || `HTTP ${response.status}`, kind, {
    status: response.status,
    details: typeof body === 'string' ? body.slice(0, 500) : body,
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
