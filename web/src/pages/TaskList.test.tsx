import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeStrata } from '../test/fakeStrata';
import { fakeSubscriptions } from '../test/fakeSubscriptions';
import { renderWithApi } from '../test/render';
import { TaskList } from './TaskList';

const task = (id: string, status: string, sequence: number) => ({
  id,
  dataset: 'sales',
  mode: 'CREATE',
  status,
  druidTaskId: `druid-${id}`,
  rowsProcessed: status === 'SUCCEEDED' ? 1000 : null,
  rowsProcessedWithErrors: 0,
  rowsThrownAway: 0,
  rowsUnparseable: 0,
  error: null,
  createdAt: `2024-01-01T00:0${sequence}:00Z`,
  updatedAt: '2024-01-01T00:10:00Z',
  sequence,
  history: [{ from: null, to: 'RECEIVED', reason: 'upload received', at: '2024-01-01T00:00:00Z', sequence: 1 }],
});

describe('TaskList', () => {
  it('follows task changes live, ignores older copies, and cancels an unfinished task', async () => {
    const subscriptions = fakeSubscriptions();
    const fetch = fakeStrata({
      IngestionTasks: () => ({ ingestionTasks: { edges: [{ cursor: 'a', node: task('a', 'RUNNING', 5) }], pageInfo: { hasNextPage: false, endCursor: 'a' } } }),
      CancelIngestion: (v) => ({ cancelIngestion: { ...task(String(v.id), 'CANCELED', 9) } }),
    });
    renderWithApi(<TaskList />, { fetch, subscriptions: subscriptions.transport });
    const item = () => document.querySelector('[data-task-id="a"]') as HTMLElement;
    await screen.findByText('RUNNING');
    const sink = subscriptions.subscriptions.find((s) => s.document.includes('WatchIngestionTasks'))!.sink;

    act(() => sink.next({ ingestionTasks: task('b', 'SUBMITTED', 2) }));
    act(() => sink.next({ ingestionTasks: task('a', 'SUBMITTED', 3) }));
    expect(item().getAttribute('data-status')).toBe('RUNNING');
    expect(document.querySelector('[data-task-id="b"]')?.getAttribute('data-status')).toBe('SUBMITTED');

    act(() => sink.next({ ingestionTasks: task('a', 'SUCCEEDED', 6) }));
    expect(item().getAttribute('data-status')).toBe('SUCCEEDED');
    expect(within(item()).getByText((1000).toLocaleString())).toBeTruthy();
    expect(within(item()).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(item()).getByText('upload received')).toBeTruthy();

    fireEvent.click(within(document.querySelector('[data-task-id="b"]') as HTMLElement).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('CANCELED')).toBeTruthy();
  });
});
