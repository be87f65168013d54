import { useState } from 'react';
import { useApi, useToken } from '../api/context';
import type { Dataset } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatNumber, KpiCards } from '../components/KpiCards';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import { useAsync } from '../hooks/useAsync';
import { dashboardMeasures } from './measures';

interface Props {
  /** The dataset chosen in the address (#/datasets/<name>), if any. */
  selected?: string;
  onSelect: (name: string) => void;
}

/** The datasets, and for the chosen one its key figures, daily trend and recent ingestions. */
export function DatasetsPage({ selected, onSelect }: Props) {
  const api = useApi();
  const token = useToken();
  const datasets = useAsync(() => api.datasets(), [api, token]);

  return (
    <div className="page page-split">
      <aside className="card dataset-list">
        <header className="row">
          <h2>Datasets</h2>
          <button type="button" className="button-secondary" onClick={datasets.reload}>
            Refresh
          </button>
        </header>
        {datasets.status === 'loading' && <p className="muted">Loading…</p>}
        {datasets.status === 'error' && (
          <ErrorNotice title="Could not list datasets" error={datasets.error} onRetry={datasets.reload} />
        )}
        {datasets.status === 'done' && datasets.data.length === 0 && (
          <p className="muted">
            No datasets yet. <a href="#/upload">Upload a file</a> to create one.
          </p>
        )}
        {datasets.status === 'done' && (
          <ul>
            {datasets.data.map((dataset) => (
              <li key={dataset.name}>
                <button
                  type="button"
                  className={`list-item${dataset.name === selected ? ' list-item-selected' : ''}`}
                  aria-current={dataset.name === selected ? 'true' : undefined}
                  onClick={() => onSelect(dataset.name)}
                >
                  <span>{dataset.name}</span>
                  <span className="muted">{formatNumber(dataset.rowCount)} rows</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section className="dataset-detail">
        {datasets.status === 'done' && selected && (
          <Detail dataset={datasets.data.find((d) => d.name === selected)} name={selected} />
        )}
        {!selected && <p className="muted">Pick a dataset to see its figures.</p>}
      </section>
    </div>
  );
}

function Detail({ dataset, name }: { dataset: Dataset | undefined; name: string }) {
  if (!dataset) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>No dataset named “{name}”.</strong>
        <p className="notice-hint">It may not have finished ingesting yet. Refresh the list, or pick another dataset.</p>
      </div>
    );
  }
  return <DatasetDashboard key={dataset.name} dataset={dataset} />;
}

function DatasetDashboard({ dataset }: { dataset: Dataset }) {
  const api = useApi();
  const token = useToken();
  const measures = dashboardMeasures(dataset);
  const inputs = measures.map((m) => m.input);
  const [chartMeasure, setChartMeasure] = useState(measures[0]?.label ?? 'COUNT');

  const kpis = useAsync(() => api.kpis(dataset.name, inputs, dataset.timeRange), [api, token, dataset.name]);
  const series = useAsync(() => api.timeseries(dataset.name, inputs, 'DAY'), [api, token, dataset.name]);
  const tasks = useAsync(() => api.ingestionTasks(dataset.name, 10), [api, token, dataset.name]);

  return (
    <>
      <h1>{dataset.name}</h1>
      <p className="muted">
        {dataset.columns.length} columns ·{' '}
        {dataset.columns.map((c) => `${c.name} (${c.role.toLowerCase()})`).join(', ')}
      </p>

      <section className="card">
        <h2>Key figures</h2>
        {kpis.status === 'loading' && <p className="muted">Loading…</p>}
        {kpis.status === 'error' && <ErrorNotice title="Could not load key figures" error={kpis.error} onRetry={kpis.reload} />}
        {kpis.status === 'done' && <KpiCards kpis={kpis.data} />}
      </section>

      <section className="card">
        <header className="row">
          <h2>By day</h2>
          <label className="inline-field">
            Measure{' '}
            <select value={chartMeasure} onChange={(event) => setChartMeasure(event.target.value)}>
              {measures.map((m) => (
                <option key={m.label} value={m.label}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        </header>
        {series.status === 'loading' && <p className="muted">Loading…</p>}
        {series.status === 'error' && (
          <ErrorNotice title="Could not load the time series" error={series.error} onRetry={series.reload} />
        )}
        {series.status === 'done' && (
          <TimeSeriesChart points={series.data} measure={chartMeasure} />
        )}
      </section>

      <section className="card">
        <h2>Recent ingestions</h2>
        {tasks.status === 'error' && (
          <ErrorNotice title="Could not load ingestion tasks" error={tasks.error} onRetry={tasks.reload} />
        )}
        {tasks.status === 'done' && tasks.data.length === 0 && <p className="muted">None recorded.</p>}
        {tasks.status === 'done' && tasks.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.map((task) => (
                <tr key={task.id}>
                  <td>
                    <code>{task.id}</code>
                  </td>
                  <td>
                    <span className={`badge badge-status-${task.status.toLowerCase()}`}>{task.status}</span>
                  </td>
                  <td>{new Date(task.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
