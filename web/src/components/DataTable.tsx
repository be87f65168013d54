import type { OrderBy, TableRow } from '../api/types';
import { formatNumber } from './format';

export interface TableColumn {
  /** A dimension's name, or a measure's label as the API names it: what `orderBy` takes. */
  field: string;
  title: string;
  numeric: boolean;
}

interface Props {
  columns: TableColumn[];
  rows: TableRow[];
  sort?: OrderBy;
  /** Without it the headers are plain text (the exported file cannot ask the server for another order). */
  onSort?: (sort: OrderBy) => void;
  caption: string;
}

/**
 * Dimensions × measures, one row per combination. A header button sorts by its column (descending first for
 * numbers, ascending for text; again reverses). Each row carries its dimension values and raw numbers as data
 * attributes, for tests and tools.
 */
export function DataTable({ columns, rows, sort, onSort, caption }: Props) {
  return (
    <div className="table-scroll">
      <table className="table data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.field === column.field ? sort.direction : undefined;
              const ariaSort = direction === 'ASC' ? 'ascending' : direction === 'DESC' ? 'descending' : undefined;
              const next: OrderBy = {
                field: column.field,
                direction: direction ? (direction === 'ASC' ? 'DESC' : 'ASC') : column.numeric ? 'DESC' : 'ASC',
              };
              return (
                <th key={column.field} scope="col" aria-sort={ariaSort} className={column.numeric ? 'numeric' : undefined}>
                  {onSort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(next)} title={`Sort by ${column.title}`}>
                      {column.title}
                      <span aria-hidden="true" className="sort-mark">
                        {direction === 'ASC' ? ' ▲' : direction === 'DESC' ? ' ▼' : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    column.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.cursor} data-row={JSON.stringify(rowData(row))}>
              {columns.map((column) =>
                column.numeric ? (
                  <td key={column.field} className="numeric">
                    {formatNumber(row.values.find((v) => v.measure === column.field)?.value)}
                  </td>
                ) : (
                  <td key={column.field}>{row.dimensions.find((d) => d.dimension === column.field)?.value ?? '(empty)'}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A row as one object: dimension values and measure values by name. */
export function rowData(row: TableRow): Record<string, string | number | null> {
  const data: Record<string, string | number | null> = {};
  for (const d of row.dimensions) data[d.dimension] = d.value;
  for (const v of row.values) data[v.measure] = v.value;
  return data;
}
