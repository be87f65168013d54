import type { Slice, StrataApi } from '../api/strata';
import type { Granularity, Interval, MeasureInput, OrderBy } from '../api/types';

/**
 * The dashboard's queries as TanStack Query options: the panels use them, and the export asks the same keys, so it
 * embeds exactly what is on screen (from the cache when it is there). Every key starts with ['dataset', name], so
 * one invalidation refreshes a dataset's every panel when an ingestion into it succeeds.
 */
export const datasetKey = (name: string) => ['dataset', name] as const;

const sliceKey = (slice: Slice) => [slice.filter ?? null, slice.interval ?? null] as const;

export function datasetQuery(api: StrataApi, name: string) {
  return { queryKey: [...datasetKey(name), 'meta'] as const, queryFn: () => api.dataset(name) };
}

export function kpiQuery(api: StrataApi, slice: Slice, measures: MeasureInput[], compareWith: Interval | null) {
  return {
    queryKey: [...datasetKey(slice.dataset), 'kpis', ...sliceKey(slice), measures, compareWith] as const,
    // The API compares only an interval with both ends.
    queryFn: () => api.kpis({ ...slice, interval: slice.interval ?? compareWith }, measures, compareWith !== null),
  };
}

export function timeseriesQuery(
  api: StrataApi,
  slice: Slice,
  measure: MeasureInput,
  granularity: Granularity,
  splitBy: string | undefined,
) {
  return {
    queryKey: [...datasetKey(slice.dataset), 'timeseries', ...sliceKey(slice), measure, granularity, splitBy ?? null] as const,
    queryFn: () => api.timeseries(slice, [measure], granularity, { splitBy: splitBy ?? null }),
  };
}

export function topNQuery(api: StrataApi, slice: Slice, dimension: string, measure: MeasureInput, limit: number) {
  return {
    queryKey: [...datasetKey(slice.dataset), 'topN', ...sliceKey(slice), dimension, measure, limit] as const,
    queryFn: () => api.topN(slice, dimension, measure, limit),
  };
}

export function tableQuery(
  api: StrataApi,
  slice: Slice,
  table: { dimensions: string[]; measures: MeasureInput[]; orderBy: OrderBy[]; first: number; after: string | null },
) {
  return {
    queryKey: [...datasetKey(slice.dataset), 'table', ...sliceKey(slice), table] as const,
    queryFn: () => api.table(slice, table),
  };
}
