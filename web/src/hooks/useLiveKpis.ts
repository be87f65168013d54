import { useEffect, useState } from 'react';
import type { ApiError } from '../api/errors';
import type { Slice, StrataApi } from '../api/strata';
import type { Kpi, MeasureInput } from '../api/types';

export type LiveKpis =
  | { status: 'connecting' }
  | { status: 'live'; values: Kpi[]; at: Date }
  | { status: 'off'; error?: ApiError };

/**
 * The `liveKpis` subscription of a slice: values now and whenever they change. A new slice or measure list starts
 * a new subscription, and the old values are dropped with it, so a card never shows another question's number.
 */
export function useLiveKpis(api: StrataApi, slice: Slice, measures: MeasureInput[], enabled: boolean): LiveKpis {
  const key = JSON.stringify([slice, measures]);
  const [state, setState] = useState<{ key: string; live: LiveKpis }>({ key, live: { status: 'connecting' } });

  useEffect(() => {
    if (!enabled || !api.canSubscribe) {
      setState({ key, live: { status: 'off' } });
      return undefined;
    }
    setState({ key, live: { status: 'connecting' } });
    return api.watchKpis(slice, measures, {
      next: (values) => setState({ key, live: { status: 'live', values, at: new Date() } }),
      error: (error) => setState({ key, live: { status: 'off', error } }),
      complete: () => setState({ key, live: { status: 'off' } }),
    });
    // The key stands for slice and measures.
  }, [api, key, enabled]);

  return state.key === key ? state.live : { status: 'connecting' };
}
