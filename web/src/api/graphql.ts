import { ApiError, kindForGraphQlCode } from './errors';
import { type HttpClient, isRecord } from './http';

export interface GraphQlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * GraphQL over HTTP POST. A response with `errors` fails as a whole: the screens here ask for one
 * thing at a time, so partial data would only hide the problem.
 */
export class GraphQlClient {
  constructor(
    private readonly http: HttpClient,
    private readonly path = '/graphql',
  ) {}

  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.http.request<unknown>(this.path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    if (!isRecord(body)) throw new ApiError('The server answered without a GraphQL body', 'INTERNAL_ERROR');
    const errors = body.errors;
    if (Array.isArray(errors) && errors.length > 0) throw errorFromGraphQl(errors as GraphQlError[]);
    if (!isRecord(body.data)) throw new ApiError('The server answered without data', 'INTERNAL_ERROR');
    return body.data as T;
  }
}

/** One ApiError for a list of GraphQL errors; the first error decides the kind. */
export function errorFromGraphQl(errors: ReadonlyArray<GraphQlError>): ApiError {
  const first = errors[0];
  const extensions = first?.extensions ?? {};
  const kind = kindForGraphQlCode(extensions.code ?? extensions.classification);
  const message = errors.map((e) => e.message).join('; ') || 'GraphQL request failed';
  return new ApiError(message, kind, { details: errors });
}
