import type { TaskStatus } from '../api/types';

/** A task's status as a coloured badge. */
export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`badge badge-status-${status.toLowerCase()}`} data-status={status}>
      {status}
    </span>
  );
}
