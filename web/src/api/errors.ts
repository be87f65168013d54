/**
 * How a failed request is classified. Mirrors the server's GraphQL `ErrorType`s, plus the two
 * failures only a client sees: the server could not be reached, or answered something unreadable.
 */
export type ErrorKind =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL_ERROR'
  | 'NETWORK';

/** A failed call to Strata, with enough context to tell the user what to do next. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(message: string, kind: ErrorKind, options: { status?: number; details?: unknown } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = options.status;
    this.details = options.details;
  }

  /** A next step for the user, phrased for this kind of failure. */
  get hint(): string {
    return hintFor(this.kind);
  }
}

export function hintFor(kind: ErrorKind): string {
  switch (kind) {
    case 'BAD_REQUEST':
      return 'Check the highlighted input and try again.';
    case 'UNAUTHORIZED':
      return 'Sign in (top right) and retry. Tokens expire; sign in again if you were already signed in.';
    case 'FORBIDDEN':
      return 'Your token is valid but lacks permission for this. Sign in with a client that has it.';
    case 'NOT_FOUND':
      return 'It may have been removed or never existed. Reload the list and pick again.';
    case 'CONFLICT':
      return 'The dataset already exists or is busy. Choose another name, or upload with mode "append" or "replace".';
    case 'TOO_LARGE':
      return 'The file is larger than the server accepts. Split it, or compress it if the format allows.';
    case 'UNAVAILABLE':
      return 'A backing service (Druid, storage) is not answering. Wait a moment and retry.';
    case 'INTERNAL_ERROR':
      return 'The server failed unexpectedly. Retry; if it persists, give the server logs the time of the failure.';
    case 'NETWORK':
      return 'The Strata server could not be reached. Is it running (default http://localhost:8080)?';
  }
}

export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'TOO_LARGE';
  if (status === 502 || status === 503 || status === 504) return 'UNAVAILABLE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL_ERROR';
}

const GRAPHQL_KINDS: Record<string, ErrorKind> = {
  BAD_REQUEST: 'BAD_REQUEST',
  ValidationError: 'BAD_REQUEST',
  InvalidSyntax: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
};

/** Maps a GraphQL error's `extensions.code` or `extensions.classification` to a kind. */
export function kindForGraphQlCode(code: unknown): ErrorKind {
  return (typeof code === 'string' && GRAPHQL_KINDS[code]) || 'INTERNAL_ERROR';
}

/** Any thrown value as an ApiError, so screens have one thing to render. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError(error.message, 'INTERNAL_ERROR');
  return new ApiError(String(error), 'INTERNAL_ERROR');
}
