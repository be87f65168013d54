import type { FollowMode } from '../api/taskFollower';
import type { IngestionTaskUpdate } from '../api/types';
import { type StatusChange, timelineSteps } from './timeline';

const LABELS: Record<string, string> = {
  RECEIVED: 'Received',
  VALIDATING: 'Validating',
  STORED: 'Stored',
  SUBMITTED: 'Submitted to Druid',
  RUNNING: 'Indexing',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
};

interface Props {
  taskId: string;
  history: StatusChange[];
  latest?: IngestionTaskUpdate;
  mode?: FollowMode;
}

/** The ingestion task's statuses in lifecycle order, with when each was seen. */
export function TaskTimeline({ taskId, history, latest, mode }: Props) {
  const steps = timelineSteps(history);
  return (
    <section className="timeline" aria-label="Ingestion task status">
      <header className="timeline-header">
        <span>
          Task <code>{taskId}</code>
        </span>
        {mode && (
          <span className={`badge badge-${mode}`} title={mode === 'live' ? 'Updates over WebSocket' : 'Asking every few seconds'}>
            {mode === 'live' ? 'live' : 'polling'}
          </span>
        )}
      </header>
      <ol className="timeline-steps">
        {steps.map((step) => (
          <li key={step.status} className={`step step-${step.state}`} data-status={step.status} data-state={step.state}>
            <span className="step-dot" aria-hidden="true" />
            <span className="step-label">{LABELS[step.status] ?? step.status}</span>
            <span className="step-time muted">
              {step.at ? step.at.toLocaleTimeString() : step.state === 'passed' ? 'passed' : ''}
            </span>
          </li>
        ))}
      </ol>
      {latest?.rowsProcessed != null && (
        <p className="muted">Rows processed: {latest.rowsProcessed.toLocaleString()}</p>
      )}
      {latest?.error && (
        <p className="notice notice-error" role="alert">
          {latest.error}
        </p>
      )}
    </section>
  );
}
