import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import type { SubscriptionSink } from '../api/subscriptions';
import type { Slice, StrataApi } from '../api/strata';
import type { Kpi } from '../api/types';
import { reconnectDelayMs, useLiveKpis } from './useLiveKpis';

/** Our own subscription port, recording each attempt's sink. */
function fakeApi() {
  const sinks: SubscriptionSink<Kpi[]>[] = [];
  const stopped: number[] = [];
  const sink = (index: number) => {
    const found = sinks[index];
    if (!found) throw new Error(`no subscription attempt ${index}`);
    return found;
  };
  const api = {
    canSubscribe: true,
    watchKpis: (_slice: Slice, _measures: unknown, sink: SubscriptionSink<Kpi[]>) => {
      const index = sinks.push(sink) - 1;
      return () => stopped.push(index);
    },
  } as unknown as StrataApi;
  return { api, sinks, stopped, sink };
}

const slice = { dataset: 'sales' } as unknown as Slice;
const measures = [{ aggregate: 'COUNT' }] as never[];
const kpi = (value: number): Kpi[] => [{ measure: 'COUNT', value } as Kpi];

describe('useLiveKpis', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes again after a lost connection, waiting longer after each failure, and is live again', () => {
    const { api, sinks, stopped, sink } = fakeApi();
    const { result } = renderHook(() => useLiveKpis(api, slice, measures, true));
    act(() => sink(0).next(kpi(1)));
    expect(result.current).toMatchObject({ status: 'live', values: kpi(1) });

    act(() => sink(0).error(new ApiError('The live connection closed (code 1006)', 'NETWORK')));
    expect(result.current).toMatchObject({ status: 'off', retryInMs: 2_000 });
    act(() => vi.advanceTimersByTime(1_999));
    expect(sinks).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(sinks).toHaveLength(2);
    expect(stopped).toContain(0);

    act(() => sink(1).error(new ApiError('Live connection failed', 'NETWORK')));
    expect(result.current).toMatchObject({ status: 'off', retryInMs: 4_000 });
    act(() => vi.advanceTimersByTime(4_000));
    expect(sinks).toHaveLength(3);

    act(() => sink(2).next(kpi(2)));
    expect(result.current).toMatchObject({ status: 'live', values: kpi(2) });
    act(() => sink(2).error(new ApiError('Live connection failed', 'NETWORK')));
    expect(result.current).toMatchObject({ status: 'off', retryInMs: 2_000 });
  });

  it('does not retry a refusal', () => {
    const { api, sinks, sink } = fakeApi();
    const { result } = renderHook(() => useLiveKpis(api, slice, measures, true));
    act(() => sink(0).error(new ApiError('The subscription was refused: forbidden', 'FORBIDDEN')));
    act(() => vi.advanceTimersByTime(60_000));
    expect(sinks).toHaveLength(1);
    expect(result.current).toMatchObject({ status: 'off' });
    expect(result.current).not.toHaveProperty('retryInMs');
  });

  it('waits 2 s, doubling, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(reconnectDelayMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
