import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import type { Interval } from '../api/types';
import { formatNumber } from '../components/format';
import { ErrorNotice } from '../components/ErrorNotice';
import { topNQuery } from './queries';
import { type DashboardState, dayOf, filterOf } from './state';

const OPTIONS = 50;
const DAY_MS = 86_400_000;

interface Props {
  dataset: string;
  dimensions: string[];
  /** The dataset's own time range: the picker's bounds and the presets' reference. */
  range: Interval | null | undefined;
  /** The chosen interval (both ends), for the value pickers' counts. */
  interval: Interval | null;
  state: DashboardState;
  onChange: (change: Partial<DashboardState>) => void;
}

/**
 * The filters every panel applies: a time range (UTC days, both ends included) and, per dimension, the values to
 * keep. A dimension's picker lists its most frequent values under the other filters, with their row counts.
 */
export function FilterPanel({ dataset, dimensions, range, interval, state, onChange }: Props) {
  const first = range ? dayOf(range.start) : undefined;
  const last = range ? dayOf(range.end, true) : undefined;
  const chosen = Object.values(state.filters).some((values) => values.length > 0) || state.from || state.to;

  const preset = (days: number | null) => {
    if (days === null || !range) return onChange({ from: undefined, to: undefined });
    const end = Date.parse(range.end) - 1;
    const from = new Date(Math.max(Date.parse(range.start), end - (days - 1) * DAY_MS)).toISOString().slice(0, 10);
    return onChange({ from, to: last });
  };

  return (
    <aside className="card filter-panel" aria-label="Filters" data-panel="filters">
      <header className="panel-header">
        <h2 id="filters-title">Filters</h2>
        {chosen && (
          <button type="button" className="button-link" onClick={() => onChange({ filters: {}, from: undefined, to: undefined })}>
            Clear all
          </button>
        )}
      </header>
      <fieldset className="filter-group">
        <legend>Time range (UTC)</legend>
        <div className="field">
          <label htmlFor="filter-from">From</label>
          <input
            id="filter-from"
            type="date"
            value={state.from ?? ''}
            min={first}
            max={state.to ?? last}
            onChange={(event) => onChange({ from: event.target.value || undefined })}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-to">To (included)</label>
          <input
            id="filter-to"
            type="date"
            value={state.to ?? ''}
            min={state.from ?? first}
            max={last}
            onChange={(event) => onChange({ to: event.target.value || undefined })}
          />
        </div>
        <div className="presets" role="group" aria-label="Time range presets">
          <button type="button" className="button-chip" aria-pressed={!state.from && !state.to} onClick={() => preset(null)}>
            All time
          </button>
          <button type="button" className="button-chip" onClick={() => preset(7)} disabled={!range}>
            Last 7 days
          </button>
          <button type="button" className="button-chip" onClick={() => preset(30)} disabled={!range}>
            Last 30 days
          </button>
        </div>
        {first && last && (
          <p className="muted small">
            Data from {first} to {last}
          </p>
        )}
      </fieldset>
      {dimensions.map((dimension) => (
        <ValuePicker
          key={dimension}
          slice={{ dataset, filter: filterOf(state.filters, dimension), interval }}
          dimension={dimension}
          selected={state.filters[dimension] ?? []}
          onChange={(values) => onChange({ filters: { ...state.filters, [dimension]: values } })}
        />
      ))}
    </aside>
  );
}

interface PickerProps {
  slice: Slice;
  dimension: string;
  selected: string[];
  onChange: (values: string[]) => void;
}

/** A multiple choice of a dimension's values, labelled with the dimension's name. */
function ValuePicker({ slice, dimension, selected, onChange }: PickerProps) {
  const api = useApi();
  const token = useToken();
  const query = useQuery({
    ...topNQuery(api, slice, dimension, { aggregate: 'COUNT' }, OPTIONS),
    enabled: Boolean(token),
    placeholderData: keepPreviousData,
  });
  const listed = (query.data ?? []).filter((entry) => entry.dimensionValue !== null);
  const missing = selected.filter((value) => !listed.some((entry) => entry.dimensionValue === value));
  const id = `filter-${dimension}`;

  return (
    <div className="field filter-group" data-filter={dimension}>
      <div className="row-tight">
        <label htmlFor={id} id={`${id}-label`}>
          {dimension}
        </label>
        {selected.length > 0 && (
          <button type="button" className="button-link" onClick={() => onChange([])} aria-describedby={`${id}-label`}>
            Clear
          </button>
        )}
      </div>
      {query.isError && <ErrorNotice title={`Could not list the values of ${dimension}`} error={query.error} onRetry={() => void query.refetch()} />}
      <select
        id={id}
        multiple
        size={Math.min(6, Math.max(3, listed.length + missing.length))}
        value={selected}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
      >
        {listed.map((entry) => (
          <option key={entry.dimensionValue} value={entry.dimensionValue ?? ''}>
            {entry.dimensionValue} ({formatNumber(entry.value)})
          </option>
        ))}
        {missing.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="muted">
        {selected.length === 0 ? 'All values' : `${selected.length} chosen`} · Ctrl/⌘-click for several
      </small>
    </div>
  );
}
