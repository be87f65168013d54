import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi, useToken } from '../api/context';
import type { ApiError } from '../api/errors';
import { type IngestionTask, TASK_STATUSES, type TaskStatus, TERMINAL_STATUSES } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatNumber, formatWhen } from '../components/format';
import { StatusBadge } from '../components/StatusBadge';
import { useConnection } from '../hooks/useConnection';

const PAGE = 20;

/**
 * Ingestion tasks, newest first, a page at a time; the `ingestionTasks` subscription keeps every unfinished one
 * current (and adds new ones) while the list is open. Each task shows Druid's row counts and its history, and an
 * unfinished one can be canceled.
 */
export function TaskList({ initialDataset = '' }: { initialDataset?: string }) {
  const api = useApi();
  const token = useToken();
  const [dataset, setDataset] = useState(initialDataset);
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [live, setLive] = useState<{ tasks: Map<string, IngestionTask>; failed: boolean; error?: ApiError }>({
    tasks: new Map(),
    failed: false,
  });
  const connection = useConnection();
  const scope = dataset.trim() || undefined;

  const pages = useInfiniteQuery({
    queryKey: ['tasks', scope ?? null, status || null],
    queryFn: ({ pageParam }) => api.ingestionTaskPage({ dataset: scope, status: status || undefined, first: PAGE, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
    enabled: Boolean(token),
  });

  const upsert = (task: IngestionTask) =>
    setLive((current) => {
      const known = current.tasks.get(task.id);
      if (known && (known.sequence ?? 0) > (task.sequence ?? 0)) return current;
      return { ...current, tasks: new Map(current.tasks).set(task.id, task) };
    });

  useEffect(() => {
    if (!token || !api.canSubscribe) return undefined;
    setLive({ tasks: new Map(), failed: false });
    return api.watchIngestionTasks(scope, {
      next: upsert,
      error: (error) => setLive((current) => ({ ...current, failed: true, error })),
      complete: () => setLive((current) => ({ ...current, failed: true })),
    });
  }, [api, token, scope]);

  const cancel = useMutation({ mutationFn: (id: string) => api.cancelIngestion(id, 'canceled from the dashboard'), onSuccess: upsert });

  const liveState = live.failed || !api.canSubscribe ? 'off' : connection === 'connected' ? 'live' : 'connecting';
  const listed = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const newer = [...live.tasks.values()].filter((t) => !listed.some((l) => l.id === t.id) && (!status || t.status === status));
  const tasks = [...newer.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), ...listed].map((task) => {
    const current = live.tasks.get(task.id);
    return current && (current.sequence ?? 0) >= (task.sequence ?? 0) ? current : task;
  });

  return (
    <section className="card" aria-labelledby="tasks-title" data-panel="tasks">
      <header className="panel-header">
        <h2 id="tasks-title">Ingestion tasks</h2>
        <div className="panel-tools">
          <span
            className={`badge ${liveState === 'live' ? 'badge-live' : liveState === 'off' ? 'badge-polling' : ''}`}
            data-live={liveState}
            title={live.error?.message ?? 'Task changes pushed over WebSocket (ingestionTasks)'}
          >
            {liveState === 'live' ? 'live' : liveState === 'off' ? 'live updates off' : 'connecting…'}
          </span>
          <label className="inline-field">
            Dataset
            <input value={dataset} onChange={(event) => setDataset(event.target.value)} placeholder="all" size={12} />
          </label>
          <label className="inline-field">
            Status
            <select value={status} onChange={(event) => setStatus(event.target.value as TaskStatus | '')}>
              <option value="">any</option>
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {pages.isError && <ErrorNotice title="Could not list ingestion tasks" error={pages.error} onRetry={() => void pages.refetch()} />}
      {cancel.isError && <ErrorNotice title="Could not cancel the task" error={cancel.error} />}
      {pages.isPending && token && <p className="muted" role="status">Loading tasks…</p>}
      {pages.isSuccess && tasks.length === 0 && <p className="muted empty">No ingestion tasks{scope ? ` for ${scope}` : ''} yet.</p>}
      <ol className="task-list">
        {tasks.map((task) => (
          <TaskItem key={task.id} task={task} canceling={cancel.isPending && cancel.variables === task.id} onCancel={() => cancel.mutate(task.id)} />
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" className="button-secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Load older tasks'}
        </button>
      )}
    </section>
  );
}

function TaskItem({ task, canceling, onCancel }: { task: IngestionTask; canceling: boolean; onCancel: () => void }) {
  const finished = TERMINAL_STATUSES.has(task.status);
  return (
    <li className="task-item" data-task-id={task.id} data-status={task.status}>
      <div className="task-line">
        <StatusBadge status={task.status} />
        <a href={`#/datasets/${encodeURIComponent(task.dataset)}`}>{task.dataset}</a>
        {task.mode && <span className="muted small">{task.mode.toLowerCase()}</span>}
        <span className="muted small">created {formatWhen(task.createdAt)}</span>
        {!finished && (
          <button type="button" className="button-secondary button-small" onClick={onCancel} disabled={canceling}>
            {canceling ? 'Canceling…' : 'Cancel'}
          </button>
        )}
      </div>
      <dl className="task-counts">
        <div>
          <dt>Rows ingested</dt>
          <dd data-count="processed">{formatNumber(task.rowsProcessed)}</dd>
        </div>
        <div>
          <dt>With errors</dt>
          <dd>{formatNumber(task.rowsProcessedWithErrors)}</dd>
        </div>
        <div>
          <dt>Thrown away</dt>
          <dd>{formatNumber(task.rowsThrownAway)}</dd>
        </div>
        <div>
          <dt>Unparseable</dt>
          <dd>{formatNumber(task.rowsUnparseable)}</dd>
        </div>
      </dl>
      {task.error && <p className="field-error">{task.error}</p>}
      <details>
        <summary>History</summary>
        <ol className="history">
          {(task.history ?? []).map((step) => (
            <li key={step.sequence}>
              <time dateTime={step.at}>{formatWhen(step.at)}</time> <StatusBadge status={step.to} />{' '}
              <span className="muted">{step.reason}</span>
            </li>
          ))}
        </ol>
        <p className="muted small">
          Task <code>{task.id}</code>
          {task.druidTaskId && (
            <>
              {' '}
              · Druid task <code>{task.druidTaskId}</code>
            </>
          )}
        </p>
      </details>
    </li>
  );
}
