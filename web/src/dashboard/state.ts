import { GRANULARITIES, type FilterInput, type Granularity, type Interval, type OrderBy } from '../api/types';

/**
 * Everything a dashboard view is, kept in the address after `#/datasets/<name>?`, so a link reproduces the view.
 * Dates are UTC days, `to` inclusive (the API's intervals are half-open, see {@link intervalOf}).
 */
export interface DashboardState {
  from?: string;
  to?: string;
  /** Undefined: chosen from the range's length ({@link autoGranularity}). */
  granularity?: Granularity;
  /** The dimension the time series is split by. */
  split?: string;
  /** The label of the measure the charts and the table's default order use; undefined: the first (COUNT). */
  measure?: string;
  /** Chosen values per dimension; a row matches when, for every dimension listed, its value is one of them. */
  filters: Record<string, string[]>;
  /** The dimensions with a top-N chart; undefined: every dimension (up to four). */
  top?: string[];
  /** The table's dimensions; undefined: every dimension. */
  rows?: string[];
  sort?: OrderBy;
  /** The cursors of the table pages passed: the current page starts after the last one. */
  pages: string[];
  size: number;
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_SIZE = 10;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const emptyState = (): DashboardState => ({ filters: {}, pages: [], size: DEFAULT_SIZE });

export function parseState(query: string): DashboardState {
  const params = new URLSearchParams(query);
  const state = emptyState();
  const from = params.get('from');
  const to = params.get('to');
  if (from && DATE.test(from)) state.from = from;
  if (to && DATE.test(to)) state.to = to;
  const granularity = params.get('g');
  if (granularity && (GRANULARITIES as readonly string[]).includes(granularity)) {
    state.granularity = granularity as Granularity;
  }
  state.split = params.get('split') || undefined;
  state.measure = params.get('m') || undefined;
  for (const [key, value] of params) {
    if (key.startsWith('f.') && key.length > 2) (state.filters[key.slice(2)] ??= []).push(value);
  }
  if (params.has('top')) state.top = params.getAll('top').filter(Boolean);
  if (params.has('rows')) state.rows = params.getAll('rows').filter(Boolean);
  const sort = params.get('sort');
  if (sort) state.sort = { field: sort, direction: params.get('dir') === 'asc' ? 'ASC' : 'DESC' };
  state.pages = params.getAll('page').filter(Boolean);
  const size = Number(params.get('size'));
  if ((PAGE_SIZES as readonly number[]).includes(size)) state.size = size;
  return state;
}

/** The query string of a state (without `?`); defaults are left out, so the plain route is the default view. */
export function formatState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.granularity) params.set('g', state.granularity);
  if (state.split) params.set('split', state.split);
  if (state.measure) params.set('m', state.measure);
  for (const [dimension, values] of Object.entries(state.filters)) {
    for (const value of values) params.append(`f.${dimension}`, value);
  }
  // An empty list is a choice too (no top-N charts), kept as one empty value.
  if (state.top) (state.top.length ? state.top : ['']).forEach((d) => params.append('top', d));
  if (state.rows) (state.rows.length ? state.rows : ['']).forEach((d) => params.append('rows', d));
  if (state.sort) {
    params.set('sort', state.sort.field);
    params.set('dir', state.sort.direction === 'ASC' ? 'asc' : 'desc');
  }
  for (const cursor of state.pages) params.append('page', cursor);
  if (state.size !== DEFAULT_SIZE) params.set('size', String(state.size));
  return params.toString();
}

/**
 * A change of what the table shows (filters, range, sort, columns) starts it again at its first page: cursors
 * belong to the query they came from.
 */
export function withChange(state: DashboardState, change: Partial<DashboardState>): DashboardState {
  const keepsPages = Object.keys(change).every((key) => key === 'pages' || key === 'granularity' || key === 'split');
  return { ...state, ...change, pages: change.pages ?? (keepsPages ? state.pages : []) };
}

/** The chosen days as the API's half-open interval; an open end takes the dataset's own (both ends are needed). */
export function intervalOf(state: DashboardState, range: Interval | null | undefined): Interval | null {
  if (!state.from && !state.to) return null;
  const start = state.from ? `${state.from}T00:00:00.000Z` : range?.start;
  const end = state.to ? new Date(Date.parse(`${state.to}T00:00:00.000Z`) + DAY_MS).toISOString() : range?.end;
  if (!start || !end) return null;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** The rows the filters keep, optionally ignoring one dimension (a value picker lists what its own choice hides). */
export function filterOf(filters: Record<string, string[]>, except?: string): FilterInput | null {
  const parts: FilterInput[] = Object.entries(filters)
    .filter(([dimension, values]) => dimension !== except && values.length > 0)
    .map(([dimension, values]) => (values.length === 1 ? { dimension, eq: values[0] } : { dimension, in: values }));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** A bucket size that draws a readable line: about 24 to a few hundred points. */
export function autoGranularity(range: Interval | null | undefined): Granularity {
  if (!range) return 'DAY';
  const days = (Date.parse(range.end) - Date.parse(range.start)) / DAY_MS;
  if (days <= 3) return 'HOUR';
  if (days <= 120) return 'DAY';
  if (days <= 730) return 'WEEK';
  if (days <= 3650) return 'MONTH';
  return 'YEAR';
}

/** A UTC day (YYYY-MM-DD) of an instant; with `exclusiveEnd`, the last day an exclusive end still covers. */
export function dayOf(instant: string, exclusiveEnd = false): string {
  const time = Date.parse(instant) - (exclusiveEnd ? 1 : 0);
  return new Date(time).toISOString().slice(0, 10);
}
