import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import type { SubscriptionSink } from './subscriptions';
import { followTask, type TaskSource } from './taskFollower';
import type { IngestionTask, IngestionTaskUpdate, TaskStatus } from './types';

const update = (status: TaskStatus, rowsProcessed: number | null = null): IngestionTaskUpdate => ({
  id: 't1',
  status,
  rowsProcessed,
  error: null,
});

const task = (status: TaskStatus): IngestionTask => ({
  ...update(status),
  dataset: 'sales',
  rowsUnparseable: 0,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
});

/** A TaskSource whose subscription the test drives by hand and whose polls answer from a list. */
function fakeSource(options: { canSubscribe?: boolean; polls?: (() => IngestionTask | null)[] } = {}) {
  const polls = [...(options.polls ?? [])];
  const source = {
    canSubscribe: options.canSubscribe ?? true,
    sink: undefined as SubscriptionSink<IngestionTaskUpdate> | undefined,
    unsubscribed: 0,
    pollCount: 0,
    watchIngestionTask(_id: string, sink: SubscriptionSink<IngestionTaskUpdate>) {
      source.sink = sink;
      return () => {
        source.unsubscribed += 1;
      };
    },
    async ingestionTask() {
      source.pollCount += 1;
      const answer = polls.length > 1 ? polls.shift() : polls[0];
      if (!answer) throw new Error('no poll answer');
      return answer();
    },
  } satisfies TaskSource & Record<string, unknown>;
  return source;
}

function recordingListener() {
  const events: string[] = [];
  return {
    events,
    update: (t: IngestionTaskUpdate) => events.push(t.status),
    mode: (m: string, reason?: ApiError) => events.push(reason ? `mode:${m}(${reason.kind})` : `mode:${m}`),
    error: (e: ApiError) => events.push(`error:${e.kind}`),
  };
}

describe('followTask', () => {
  it('follows the subscription and unsubscribes at a terminal status', () => {
    const source = fakeSource();
    const listener = recordingListener();
    followTask(source, 't1', listener);

    source.sink!.next(update('RUNNING', 10));
    source.sink!.next(update('SUCCEEDED', 100));
    source.sink!.next(update('RUNNING'));

    expect(listener.events).toEqual(['mode:live', 'RUNNING', 'SUCCEEDED']);
    expect(source.unsubscribed).toBe(1);
    expect(source.pollCount).toBe(0);
  });

  it('falls back to polling when the subscription fails, until a terminal status', async () => {
    const source = fakeSource({ polls: [() => task('RUNNING'), () => task('RUNNING'), () => task('FAILED')] });
    const listener = recordingListener();
    followTask(source, 't1', listener, { pollIntervalMs: 1 });

    source.sink!.error(new ApiError('socket closed', 'NETWORK'));

    await vi.waitFor(() => expect(listener.events).toContain('FAILED'));
    expect(listener.events).toEqual(['mode:live', 'mode:polling(NETWORK)', 'RUNNING', 'RUNNING', 'FAILED']);
    expect(source.pollCount).toBe(3);
  });

  it('polls when the subscription ends before a terminal status', async () => {
    const source = fakeSource({ polls: [() => task('SUCCEEDED')] });
    const listener = recordingListener();
    followTask(source, 't1', listener, { pollIntervalMs: 1 });

    source.sink!.next(update('RUNNING'));
    source.sink!.complete();

    await vi.waitFor(() => expect(listener.events).toEqual(['mode:live', 'RUNNING', 'mode:polling', 'SUCCEEDED']));
  });

  it('only polls when no subscription transport exists', async () => {
    const source = fakeSource({ canSubscribe: false, polls: [() => task('SUCCEEDED')] });
    const listener = recordingListener();
    followTask(source, 't1', listener, { pollIntervalMs: 1 });

    await vi.waitFor(() => expect(listener.events).toEqual(['mode:polling', 'SUCCEEDED']));
    expect(source.sink).toBeUndefined();
  });

  it('gives up at once when the task does not exist', async () => {
    const source = fakeSource({ canSubscribe: false, polls: [() => null] });
    const listener = recordingListener();
    followTask(source, 't1', listener, { pollIntervalMs: 1 });

    await vi.waitFor(() => expect(listener.events).toEqual(['mode:polling', 'error:NOT_FOUND']));
    expect(source.pollCount).toBe(1);
  });

  it('tolerates failed polls up to the limit, then reports the error', async () => {
    const source = fakeSource({
      canSubscribe: false,
      polls: [
        () => {
          throw new ApiError('down', 'NETWORK');
        },
      ],
    });
    const listener = recordingListener();
    followTask(source, 't1', listener, { pollIntervalMs: 1, maxPollFailures: 3 });

    await vi.waitFor(() => expect(listener.events).toEqual(['mode:polling', 'error:NETWORK']));
    expect(source.pollCount).toBe(3);
  });

  it('polls at the interval and not after being stopped', async () => {
    vi.useFakeTimers();
    try {
      const source = fakeSource({ canSubscribe: false, polls: [() => task('RUNNING')] });
      const stop = followTask(source, 't1', recordingListener(), { pollIntervalMs: 1000 });

      await vi.advanceTimersByTimeAsync(0);
      expect(source.pollCount).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(source.pollCount).toBe(2);

      stop();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(source.pollCount).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
