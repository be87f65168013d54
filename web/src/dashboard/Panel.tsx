import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props<T> {
  /** What tests and tools find the panel by: `data-panel`. */
  id: string;
  title: ReactNode;
  /** Controls in the panel's header. */
  tools?: ReactNode;
  query: UseQueryResult<T>;
  /** What to call the data in an error's title: "Could not load <what>". */
  what: string;
  children: (data: T) => ReactNode;
  className?: string;
}

/**
 * A card of the dashboard with its query's states: loading, failed (what, why and what to do, with a retry), and
 * its data. While a newer answer is on its way the previous one stays, dimmed, and the panel is `aria-busy`.
 *
 * Labels on the dashboard never hold a dimension's name except the filter's own `<label>`, so a filter control is
 * found by its dimension's name alone (Playwright's getByLabel matches aria-label and aria-labelledby text too):
 * panels are not labelled by their headings, charts and tables are named generically and described by them.
 */
export function Panel<T>({ id, title, tools, query, what, children, className }: Props<T>) {
  const state = query.isError ? 'error' : query.data === undefined ? 'loading' : query.isFetching ? 'refreshing' : 'ready';
  return (
    <section
      className={`card panel${className ? ` ${className}` : ''}`}
      data-panel={id}
      data-state={state}
      aria-busy={state === 'loading' || state === 'refreshing'}
    >
      <header className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {tools && <div className="panel-tools">{tools}</div>}
      </header>
      {query.isError && (
        <ErrorNotice title={`Could not load ${what}`} error={query.error} onRetry={() => void query.refetch()} />
      )}
      {!query.isError && query.data === undefined && (
        <div className="skeleton" role="status">
          <span className="visually-hidden">Loading {what}…</span>
        </div>
      )}
      {!query.isError && query.data !== undefined && (
        <div className={state === 'refreshing' ? 'panel-body panel-stale' : 'panel-body'}>{children(query.data)}</div>
      )}
    </section>
  );
}
