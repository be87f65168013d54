import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import type { OrderBy } from '../api/types';
import { DataTable, type TableColumn } from '../components/DataTable';
import type { LabeledMeasure } from './measures';
import { Panel } from './Panel';
import { tableQuery } from './queries';
import { PAGE_SIZES } from './state';

interface Props {
  slice: Slice;
  /** Every dimension of the dataset, and those the table groups rows by. */
  dimensions: string[];
  rows: string[];
  measures: LabeledMeasure[];
  /** The order: the chosen one, else the first chart measure, highest first. */
  sort: OrderBy;
  pages: string[];
  size: number;
  onRows: (rows: string[]) => void;
  onSort: (sort: OrderBy) => void;
  onPages: (pages: string[]) => void;
  onSize: (size: number) => void;
}

/**
 * One row per combination of the chosen dimensions, with every measure; sorted by the server and paged by its
 * cursors (the address keeps the cursors passed, so Previous and a shared link return to the same page).
 */
export function TablePanel(props: Props) {
  const { slice, dimensions, rows, measures, sort, pages, size } = props;
  const api = useApi();
  const token = useToken();
  const after = pages.at(-1) ?? null;
  const query = useQuery({
    ...tableQuery(api, slice, { dimensions: rows, measures: measures.map((m) => m.input), orderBy: [sort], first: size, after }),
    enabled: Boolean(token) && rows.length > 0,
    placeholderData: keepPreviousData,
  });

  const columns: TableColumn[] = [
    ...rows.map((d) => ({ field: d, title: d, numeric: false })),
    ...measures.map((m) => ({ field: m.label, title: m.title, numeric: true })),
  ];

  // Toggle buttons rather than labelled checkboxes: a dimension's name labels its filter alone (see Panel).
  const tools = (
    <div className="inline-choices" role="group" aria-label="Rows by">
      <span className="muted" aria-hidden="true">
        Rows by
      </span>
      {dimensions.map((d) => (
        <button
          key={d}
          type="button"
          className="button-chip"
          aria-pressed={rows.includes(d)}
          onClick={() => props.onRows(rows.includes(d) ? rows.filter((x) => x !== d) : dimensions.filter((x) => x === d || rows.includes(x)))}
        >
          {d}
        </button>
      ))}
    </div>
  );

  if (rows.length === 0) {
    return (
      <section className="card panel panel-wide" data-panel="table">
        <header className="panel-header">
          <h2 id="table-title">Breakdown</h2>
          <div className="panel-tools">{tools}</div>
        </header>
        <p className="muted empty">Choose at least one dimension to break the rows down by.</p>
      </section>
    );
  }

  return (
    <Panel id="table" title="Breakdown" tools={tools} query={query} what="the table" className="panel-wide">
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p className="muted empty">{pages.length > 0 ? 'No more rows.' : 'No rows match these filters.'}</p>
          ) : (
            <DataTable
              columns={columns}
              rows={page.items}
              sort={sort}
              onSort={props.onSort}
              caption={`Rows by ${rows.join(', ')}, page ${pages.length + 1}`}
            />
          )}
          <nav className="pager" aria-label="Table pages">
            <label className="inline-field">
              Rows per page
              <select value={size} onChange={(event) => props.onSize(Number(event.target.value))}>
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted" data-page={pages.length + 1}>
              Page {pages.length + 1}
            </span>
            <button type="button" className="button-secondary" disabled={pages.length === 0} onClick={() => props.onPages(pages.slice(0, -1))}>
              Previous page
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={!page.pageInfo.hasNextPage || !page.pageInfo.endCursor}
              onClick={() => page.pageInfo.endCursor && props.onPages([...pages, page.pageInfo.endCursor])}
            >
              Next page
            </button>
          </nav>
        </>
      )}
    </Panel>
  );
}
