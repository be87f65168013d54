import { type IngestionTaskUpdate, type TaskStatus, TERMINAL_STATUSES } from '../api/types';

/** A status as first seen by this page, and when. */
export interface StatusChange {
  status: TaskStatus;
  at: Date;
}

export type StepState = 'done' | 'passed' | 'current' | 'pending' | 'failed' | 'canceled';

export interface TimelineStep {
  status: TaskStatus;
  state: StepState;
  /** When the status was seen; absent for statuses the task passed while we were not looking. */
  at?: Date;
}

const LIFECYCLE: readonly TaskStatus[] = ['RECEIVED', 'VALIDATING', 'STORED', 'SUBMITTED', 'RUNNING'];
const rank = (status: TaskStatus) => (TERMINAL_STATUSES.has(status) ? LIFECYCLE.length : LIFECYCLE.indexOf(status));

/** Appends the update's status if it is new; repeated statuses (progress updates) change nothing. */
export function recordUpdate(history: StatusChange[], update: IngestionTaskUpdate, at: Date): StatusChange[] {
  if (history.some((change) => change.status === update.status)) return history;
  return [...history, { status: update.status, at }];
}

/**
 * The steps to draw, always in lifecycle order whatever order updates arrived in (polling can skip
 * statuses; a late poll can deliver an older one). The furthest status reached is the current one.
 */
export function timelineSteps(history: StatusChange[]): TimelineStep[] {
  const seen = new Map(history.map((change) => [change.status, change.at]));
  const furthest = history.reduce((max, change) => Math.max(max, rank(change.status)), -1);
  const terminal = history.find((change) => TERMINAL_STATUSES.has(change.status));

  const steps: TimelineStep[] = LIFECYCLE.map((status, index) => {
    const at = seen.get(status);
    if (index < furthest) return { status, state: at ? 'done' : 'passed', at };
    if (index === furthest) return { status, state: 'current', at };
    return { status, state: 'pending' };
  });
  if (terminal) {
    const state: StepState =
      terminal.status === 'FAILED' ? 'failed' : terminal.status === 'CANCELED' ? 'canceled' : 'done';
    steps.push({ status: terminal.status, state, at: terminal.at });
  } else {
    steps.push({ status: 'SUCCEEDED', state: 'pending' });
  }
  return steps;
}
