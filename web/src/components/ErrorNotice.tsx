import { ApiError, toApiError } from '../api/errors';

interface Props {
  error: unknown;
  /** What was being done, e.g. "Upload failed". */
  title?: string;
  onRetry?: () => void;
}

/** A failure, what it means, and what to do about it. */
export function ErrorNotice({ error, title = 'Something went wrong', onRetry }: Props) {
  if (error === null || error === undefined) return null;
  const apiError: ApiError = toApiError(error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>
      <p className="notice-message">{apiError.message}</p>
      <p className="notice-hint">{apiError.hint}</p>
      <Details details={apiError.details} />
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

function Details({ details }: { details: unknown }) {
  if (details === undefined || details === null || details === '') return null;
  if (Array.isArray(details) && details.every((d) => typeof d === 'string')) {
    return (
      <ul className="notice-details">
        {details.map((d, i) => (
          <li key={i}>{d}</li>
        ))}
      </ul>
    );
  }
  return (
    <details className="notice-details">
      <summary>Details</summary>
      <pre>{typeof details === 'string' ? details : JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}
