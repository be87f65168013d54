import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/errors';
import type { Slice, StrataApi } from '../api/strata';
import type { Kpi, MeasureInput } from '../api/types';

export type LiveKpis =
  | { status: 'connecting' }
  | { status: 'live'; values: Kpi[]; at: Date }
  | { status: 'off'; error?: ApiError; retryInMs?: number };

/** The wait before the next attempt after `failures` failed ones in a row: 2 s, doubling, at most 30 s. */
export function reconnectDelayMs(failures: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

/**
 * The `liveKpis` subscription of a slice: values now and whenever they change. A new slice or measure list starts
 * a new subscription, and the old values are dropped with it, so a card never shows another question's number.
 * When the connection is lost for good (graphql-ws has used up its own retries, say while a server restarts), the
 * subscription is started again after a growing wait, for as long as the page shows it; a refusal (not signed in,
 * forbidden, a GraphQL error) is not retried.
 */
export function useLiveKpis(api: StrataApi, slice: Slice, measures: MeasureInput[], enabled: boolean): LiveKpis {
  const key = JSON.stringify([slice, measures]);
  const [state, setState] = useState<{ key: string; live: LiveKpis }>({ key, live: { status: 'connecting' } });
  // A failed attempt bumps the generation, which starts the next; failures in a row set the wait.
  const [generation, setGeneration] = useState(0);
  const failures = useRef({ key, count: 0 });

  useEffect(() => {
    if (!enabled || !api.canSubscribe) {
      setState({ key, live: { status: 'off' } });
      return undefined;
    }
    setState({ key, live: { status: 'connecting' } });
    let retry: ReturnType<typeof setTimeout> | undefined;
    const stop = api.watchKpis(slice, measures, {
      next: (values) => {
        failures.current = { key, count: 0 };
        setState({ key, live: { status: 'live', values, at: new Date() } });
      },
      error: (error) => {
        if (error.kind !== 'NETWORK') {
          setState({ key, live: { status: 'off', error } });
          return;
        }
        // Failures of another slice's subscription do not count against this one.
        const before = failures.current.key === key ? failures.current.count : 0;
        failures.current = { key, count: before + 1 };
        const wait = reconnectDelayMs(failures.current.count);
        setState({ key, live: { status: 'off', error, retryInMs: wait } });
        retry = setTimeout(() => setGeneration((g) => g + 1), wait);
      },
      complete: () => setState({ key, live: { status: 'off' } }),
    });
    return () => {
      if (retry !== undefined) clearTimeout(retry);
      stop();
    };
    // The key stands for slice and measures; the generation for another attempt.
  }, [api, key, enabled, generation]);

  return state.key === key ? state.live : { status: 'connecting' };
}
