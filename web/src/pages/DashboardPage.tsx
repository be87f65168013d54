import { useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import type { Dataset, Interval, OrderBy } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge, formatDay, formatNumber, formatWhen } from '../components/format';
import { ExportButton } from '../dashboard/ExportButton';
import { FilterPanel } from '../dashboard/FilterPanel';
import { KpiPanel } from '../dashboard/KpiPanel';
import { dashboardMeasures, dimensionsOf, type LabeledMeasure } from '../dashboard/measures';
import { datasetQuery } from '../dashboard/queries';
import { autoGranularity, type DashboardState, filterOf, intervalOf, parseState, withChange } from '../dashboard/state';
import { TablePanel } from '../dashboard/TablePanel';
import { TimeSeriesPanel } from '../dashboard/TimeSeriesPanel';
import { TopNPanel } from '../dashboard/TopNPanel';
import { useIngestionRefresh } from '../hooks/useIngestionRefresh';
import { DatasetTabs } from './DatasetTabs';

interface Props {
  name: string;
  /** The view's state: the address after `?`. */
  query: string;
  /** Shows another state of this dashboard (a new address, so Back returns to this one). */
  onNavigate: (state: DashboardState) => void;
}

/** `#/datasets/<name>`: the dataset's dashboard; the address holds the whole view. */
export function DashboardPage({ name, query, onNavigate }: Props) {
  const api = useApi();
  const token = useToken();
  const dataset = useQuery({ ...datasetQuery(api, name), enabled: Boolean(token) });
  const refreshed = useIngestionRefresh(api, name, Boolean(token));

  if (!token) return <SignInFirst />;
  if (dataset.isError) {
    return <ErrorNotice title={`Could not load the dataset ${name}`} error={dataset.error} onRetry={() => void dataset.refetch()} />;
  }
  if (dataset.data === undefined) return <p className="muted" role="status">Loading {name}…</p>;
  if (dataset.data === null) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>No dataset named “{name}”.</strong>
        <p className="notice-hint">
          It may not have finished ingesting yet, or you may not have access. <a href="#/datasets">See all datasets</a>,
          or <a href="#/upload">upload a file</a>.
        </p>
      </div>
    );
  }
  return <Dashboard dataset={dataset.data} state={parseState(query)} onNavigate={onNavigate} refreshedAt={refreshed?.updatedAt} />;
}

interface DashboardProps {
  dataset: Dataset;
  state: DashboardState;
  onNavigate: (state: DashboardState) => void;
  refreshedAt?: string;
}

function Dashboard({ dataset, state, onNavigate, refreshedAt }: DashboardProps) {
  const measures = dashboardMeasures(dataset);
  const dimensions = dimensionsOf(dataset);
  const range = dataset.timeRange ?? null;
  const interval = intervalOf(state, range);
  const slice: Slice = { dataset: dataset.name, filter: filterOf(state.filters), interval };
  const measure: LabeledMeasure = measures.find((m) => m.label === state.measure) ?? measures[0]!;
  const granularity = state.granularity ?? autoGranularity(interval ?? range);
  const top = (state.top ?? dimensions.slice(0, 4)).filter((d) => dimensions.includes(d));
  const rows = (state.rows ?? dimensions).filter((d) => dimensions.includes(d));
  const sort: OrderBy = state.sort ?? { field: measure.label, direction: 'DESC' };
  const change = (partial: Partial<DashboardState>) => onNavigate(withChange(state, partial));
  const toggle = (dimension: string, value: string) => {
    const chosen = state.filters[dimension] ?? [];
    const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
    change({ filters: { ...state.filters, [dimension]: next } });
  };
  const comparedWith = previousPeriod(interval);

  return (
    <div className="dashboard" data-dataset={dataset.name}>
      <header className="dashboard-header">
        <div>
          <p className="eyebrow">
            <a href="#/datasets">Datasets</a> /
          </p>
          <h1>{dataset.name}</h1>
          <p className="muted">
            {formatNumber(dataset.rowCount)} rows
            {range && ` · ${formatDay(range.start)} – ${formatDay(new Date(Date.parse(range.end) - 1).toISOString())} (UTC)`}
            {dataset.updatedAt && ` · updated ${formatAge(dataset.updatedAt)}`}
          </p>
          {dataset.problems && (
            <p className="notice notice-warning" role="status">
              Some of this dataset's figures are unavailable: {dataset.problems.join('; ')}
            </p>
          )}
        </div>
        <div className="dashboard-actions">
          <label className="inline-field">
            Measure
            <select value={measure.label} onChange={(event) => change({ measure: event.target.value, sort: undefined })}>
              {measures.map((m) => (
                <option key={m.label} value={m.label}>
                  {m.title}
                </option>
              ))}
            </select>
          </label>
          <ExportButton
            dataset={dataset}
            slice={slice}
            state={state}
            measures={measures}
            measure={measure}
            granularity={granularity}
            top={top}
            rows={rows}
            sort={sort}
            compareWith={interval}
            comparedWith={comparedWith}
          />
        </div>
      </header>
      <DatasetTabs name={dataset.name} current="dashboard" />
      {refreshedAt && (
        <p className="notice notice-info" role="status" data-refreshed={refreshedAt}>
          New data arrived at {formatWhen(refreshedAt)}: every panel was refreshed.
        </p>
      )}
      {!range ? (
        <div className="card empty-dataset">
          <h2>No rows yet</h2>
          <p>
            This dataset has no rows. <a href="#/upload">Upload a file</a> into it to fill its dashboard.
          </p>
        </div>
      ) : (
        <div className="dashboard-body">
          <FilterPanel
            dataset={dataset.name}
            dimensions={dimensions}
            range={range}
            interval={interval}
            state={state}
            onChange={change}
          />
          <div className="dashboard-panels">
            <KpiPanel slice={slice} measures={measures} compareWith={interval} comparedWith={comparedWith} />
            <TimeSeriesPanel
              slice={slice}
              measure={measure}
              granularity={granularity}
              split={state.split}
              dimensions={dimensions}
              onGranularity={(g) => change({ granularity: g })}
              onSplit={(split) => change({ split })}
            />
            {top.length > 0 && (
              <div className="topn-grid">
                {top.map((dimension) => (
                  <TopNPanel
                    key={dimension}
                    slice={slice}
                    dimension={dimension}
                    measure={measure}
                    selected={state.filters[dimension] ?? []}
                    onToggle={(value) => toggle(dimension, value)}
                  />
                ))}
              </div>
            )}
            <TablePanel
              slice={slice}
              dimensions={dimensions}
              rows={rows}
              measures={measures}
              sort={sort}
              pages={state.pages}
              size={state.size}
              onRows={(r) => change({ rows: r })}
              onSort={(s) => change({ sort: s })}
              onPages={(pages) => change({ pages })}
              onSize={(size) => change({ size })}
            />
          </div>
        </div>
      )}
    </div>
  );
}

/** "the previous 7 days": what a range is compared with (the period of the same length just before it). */
function previousPeriod(interval: Interval | null): string {
  if (!interval) return '';
  const days = (Date.parse(interval.end) - Date.parse(interval.start)) / 86_400_000;
  if (Number.isInteger(days)) return days === 1 ? 'the day before' : `the previous ${days} days`;
  return 'the previous period of the same length';
}

export function SignInFirst() {
  return (
    <div className="card empty-dataset">
      <h2>Sign in to see your data</h2>
      <p>Use the sign-in button at the top right; the link you opened keeps its view.</p>
    </div>
  );
}
