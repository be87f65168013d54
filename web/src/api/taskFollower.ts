import { ApiError, toApiError } from './errors';
import type { SubscriptionSink } from './subscriptions';
import { type IngestionTask, type IngestionTaskUpdate, TERMINAL_STATUSES } from './types';

/** What following a task needs from the API; {@link StrataApi} provides it. */
export interface TaskSource {
  readonly canSubscribe: boolean;
  watchIngestionTask(id: string, sink: SubscriptionSink<IngestionTaskUpdate>): () => void;
  ingestionTask(id: string): Promise<IngestionTask | null>;
}

export type FollowMode = 'live' | 'polling';

export interface TaskFollowerListener {
  update(task: IngestionTaskUpdate): void;
  /** Called when following starts and when it falls back to polling, with the reason. */
  mode(mode: FollowMode, reason?: ApiError): void;
  /** Following gave up; no more updates will come. */
  error(error: ApiError): void;
}

export interface FollowOptions {
  pollIntervalMs?: number;
  /** Consecutive failed polls tolerated before giving up (network blips, restarts). */
  maxPollFailures?: number;
}

// Polling cannot fix these; retrying would only delay the message.
const FINAL_KINDS = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

/**
 * Follows one ingestion task until it reaches a terminal status: over the subscription when it
 * works, otherwise (no socket, socket refused or closed early) by polling `ingestionTask`.
 * Returns a function that stops following.
 */
export function followTask(
  source: TaskSource,
  id: string,
  listener: TaskFollowerListener,
  { pollIntervalMs = 2000, maxPollFailures = 5 }: FollowOptions = {},
): () => void {
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe?.();
    unsubscribe = undefined;
  };

  const deliver = (task: IngestionTaskUpdate) => {
    if (stopped) return;
    listener.update(task);
    if (TERMINAL_STATUSES.has(task.status)) stop();
  };

  const fail = (error: ApiError) => {
    if (stopped) return;
    stop();
    listener.error(error);
  };

  const startPolling = (reason?: ApiError) => {
    if (stopped) return;
    unsubscribe?.();
    unsubscribe = undefined;
    listener.mode('polling', reason);
    let failures = 0;
    const poll = async () => {
      try {
        const task = await source.ingestionTask(id);
        if (stopped) return;
        if (task === null) return fail(new ApiError(`Ingestion task ${id} was not found`, 'NOT_FOUND'));
        failures = 0;
        deliver(task);
      } catch (thrown) {
        const error = toApiError(thrown);
        failures += 1;
        if (FINAL_KINDS.has(error.kind) || failures >= maxPollFailures) return fail(error);
      }
      if (!stopped) timer = setTimeout(() => void poll(), pollIntervalMs);
    };
    void poll();
  };

  if (!source.canSubscribe) {
    startPolling();
    return stop;
  }
  listener.mode('live');
  try {
    const cancel = source.watchIngestionTask(id, {
      next: deliver,
      error: (error) => startPolling(error),
      // The server ends the stream after a terminal status; ending earlier means we lost it.
      complete: () => startPolling(),
    });
    // The first update may already have been terminal, inside subscribe().
    if (stopped) cancel();
    else unsubscribe = cancel;
  } catch (thrown) {
    startPolling(toApiError(thrown));
  }
  return stop;
}
