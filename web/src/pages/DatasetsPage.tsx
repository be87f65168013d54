import { useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Dataset, IngestionTask } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge, formatDay, formatNumber, formatWhen } from '../components/format';
import { StatusBadge } from '../components/StatusBadge';
import { SignInFirst } from './DashboardPage';

/** How many recent tasks are read to find each dataset's last ingestion. */
const RECENT_TASKS = 100;

/** `#/datasets`: every dataset the caller may read, with its rows, time range, last ingestion and freshness. */
export function DatasetsPage() {
  const api = useApi();
  const token = useToken();
  const datasets = useQuery({ queryKey: ['datasets'], queryFn: () => api.datasets(), enabled: Boolean(token) });
  const tasks = useQuery({
    queryKey: ['datasets', 'tasks'],
    queryFn: () => api.ingestionTaskPage({ first: RECENT_TASKS }),
    enabled: Boolean(token),
  });

  if (!token) return <SignInFirst />;
  const lastTask = new Map<string, IngestionTask>();
  for (const task of tasks.data?.items ?? []) if (!lastTask.has(task.dataset)) lastTask.set(task.dataset, task);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Datasets</h1>
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => void datasets.refetch()}>
            Refresh
          </button>
          <a className="button" href="#/upload">
            Upload a file
          </a>
        </div>
      </header>
      {datasets.isPending && <p className="muted" role="status">Loading datasets…</p>}
      {datasets.isError && <ErrorNotice title="Could not list datasets" error={datasets.error} onRetry={() => void datasets.refetch()} />}
      {tasks.isError && <ErrorNotice title="Could not read the ingestion history" error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {datasets.data?.length === 0 && (
        <div className="card empty-dataset">
          <h2>No datasets yet</h2>
          <p>
            <a href="#/upload">Upload a file</a> (CSV, TSV, JSON Lines, XLSX or Parquet) to create your first dataset.
          </p>
        </div>
      )}
      {datasets.data && datasets.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table overview" aria-label="Datasets">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col" className="numeric">
                  Rows
                </th>
                <th scope="col">Time range (UTC)</th>
                <th scope="col">Last ingestion</th>
                <th scope="col">Freshness</th>
              </tr>
            </thead>
            <tbody>
              {datasets.data.map((dataset) => (
                <DatasetRow key={dataset.name} dataset={dataset} task={lastTask.get(dataset.name)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function DatasetRow({ dataset, task }: { dataset: Dataset; task: IngestionTask | undefined }) {
  const range = dataset.timeRange;
  return (
    <tr data-dataset={dataset.name} data-rows={dataset.rowCount ?? ''}>
      <th scope="row">
        <a href={`#/datasets/${encodeURIComponent(dataset.name)}`}>{dataset.name}</a>
        {dataset.problems && (
          <span className="badge badge-status-failed" title={dataset.problems.join('; ')}>
            unavailable
          </span>
        )}
      </th>
      <td className="numeric">{formatNumber(dataset.rowCount)}</td>
      <td>{range ? `${formatDay(range.start)} – ${formatDay(new Date(Date.parse(range.end) - 1).toISOString())}` : 'no rows'}</td>
      <td>
        {task ? (
          <>
            <StatusBadge status={task.status} /> <span className="muted">{formatWhen(task.updatedAt)}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{dataset.updatedAt ? `updated ${formatAge(dataset.updatedAt)}` : '—'}</td>
    </tr>
  );
}
