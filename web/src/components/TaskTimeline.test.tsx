import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../api/types';
import { TaskTimeline } from './TaskTimeline';
import { recordUpdate, type StatusChange, timelineSteps } from './timeline';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute));
const change = (status: TaskStatus, minute: number): StatusChange => ({ status, at: at(minute) });

function renderedSteps() {
  const list = screen.getByRole('list');
  return within(list)
    .getAllByRole('listitem')
    .map((item) => `${item.dataset.status}:${item.dataset.state}`);
}

describe('TaskTimeline', () => {
  it('draws statuses in lifecycle order whatever order they arrived in', () => {
    const history = [change('RUNNING', 3), change('RECEIVED', 0), change('SUBMITTED', 2)];
    render(<TaskTimeline taskId="t1" history={history} />);

    expect(renderedSteps()).toEqual([
      'RECEIVED:done',
      'VALIDATING:passed',
      'STORED:passed',
      'SUBMITTED:done',
      'RUNNING:current',
      'SUCCEEDED:pending',
    ]);
  });

  it('ends with the failure and its error when the task failed', () => {
    const history = [change('RECEIVED', 0), change('RUNNING', 1), change('FAILED', 2)];
    render(
      <TaskTimeline
        taskId="t1"
        history={history}
        latest={{ id: 't1', status: 'FAILED', rowsProcessed: 40, error: 'Druid task failed: out of disk' }}
        mode="polling"
      />,
    );

    expect(renderedSteps()).toEqual([
      'RECEIVED:done',
      'VALIDATING:passed',
      'STORED:passed',
      'SUBMITTED:passed',
      'RUNNING:done',
      'FAILED:failed',
    ]);
    expect(screen.getByRole('alert').textContent).toBe('Druid task failed: out of disk');
    expect(screen.getByText('polling')).toBeTruthy();
    expect(screen.getByText(/Rows processed: 40/)).toBeTruthy();
  });

  it('shows every step pending before the first update', () => {
    render(<TaskTimeline taskId="t1" history={[]} />);
    expect(renderedSteps().every((step) => step.endsWith(':pending'))).toBe(true);
  });
});

describe('recordUpdate', () => {
  const update = (status: TaskStatus, rowsProcessed: number) => ({ id: 't1', status, rowsProcessed, error: null });

  it('records each status once, at the time it was first seen', () => {
    let history: StatusChange[] = [];
    history = recordUpdate(history, update('RUNNING', 10), at(1));
    history = recordUpdate(history, update('RUNNING', 500), at(2));
    history = recordUpdate(history, update('SUCCEEDED', 1000), at(3));

    expect(history).toEqual([change('RUNNING', 1), change('SUCCEEDED', 3)]);
  });

  it('keeps the furthest status current when an older one arrives late', () => {
    const history = recordUpdate([change('RUNNING', 2)], update('STORED', 0), at(3));
    const current = timelineSteps(history).filter((step) => step.state === 'current');
    expect(current.map((step) => step.status)).toEqual(['RUNNING']);
  });
});
