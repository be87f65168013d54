import { useMemo } from 'react';
import type { Granularity, TimeseriesPoint } from '../api/types';
import { type ChartOption, EChart, PALETTE } from './EChart';
import { formatBucket, formatCompact, formatNumber } from './format';

interface Props {
  points: TimeseriesPoint[];
  /** The label of the measure drawn (as the API names it). */
  measure: string;
  /** How a person reads the measure. */
  title?: string;
  granularity: Granularity;
}

/** Most buckets drawn on the axis (the server allows 5,000 per series). */
const MAX_BUCKETS = 5_000;

export interface Series {
  name: string;
  values: { time: number; value: number }[];
}

/** One measure over time, one line per split value, with its numbers in a table beside the chart. */
export function TimeSeriesChart({ points, measure, title = measure, granularity }: Props) {
  const series = useMemo(() => toSeries(points, measure), [points, measure]);
  const split = points.some((p) => p.split !== null);
  const option = useMemo<ChartOption>(() => {
    const times = series.flatMap((s) => s.values.map((v) => v.time));
    const axis = buckets(Math.min(...times), Math.max(...times), granularity);
    return {
      color: PALETTE,
      grid: { left: 8, right: 16, top: split ? 40 : 16, bottom: 8, containLabel: true },
      legend: split ? { type: 'plain', top: 0 } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) => formatNumber(typeof value === 'number' ? value : null),
      },
      // One category per bucket, labelled by its start as the granularity reads it (a week by its Monday); a
      // bucket without rows is a gap, not a zero, as the API answers it.
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: axis.map((time) => formatBucket(time, granularity)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCompact(value) } },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        showSymbol: s.values.length < 60,
        smooth: false,
        areaStyle: split ? undefined : { opacity: 0.12 },
        connectNulls: false,
        data: aligned(s, axis),
      })),
    };
  }, [series, split, granularity]);

  if (series.length === 0) return <p className="muted empty">No rows in this period.</p>;
  return (
    <figure className="chart" data-measure={measure}>
      <EChart option={option} label={`Line chart of ${title} per ${granularity.toLowerCase()}`} height={280} />
      <details className="chart-data">
        <summary>Data table</summary>
        <table className="table table-compact">
          <caption className="visually-hidden">
            {title} per {granularity.toLowerCase()}
          </caption>
          <thead>
            <tr>
              <th scope="col">Period (UTC)</th>
              {split && <th scope="col">Split</th>}
              <th scope="col" className="numeric">
                {title}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => {
              const value = point.values.find((v) => v.measure === measure)?.value ?? null;
              return (
                <tr
                  key={`${point.time}|${point.split ?? ''}`}
                  data-time={point.time}
                  data-split={point.split ?? undefined}
                  data-value={value ?? ''}
                >
                  <td>{formatBucket(point.time, granularity)}</td>
                  {split && <td>{point.split ?? '(empty)'}</td>}
                  <td className="numeric">{formatNumber(value)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Every bucket start from the first to the last, in UTC as the server cuts them (weeks start on Monday). */
export function buckets(first: number, last: number, granularity: Granularity): number[] {
  const starts: number[] = [];
  for (let time = first; time <= last && starts.length < MAX_BUCKETS; time = nextBucket(time, granularity)) starts.push(time);
  return starts;
}

function nextBucket(time: number, granularity: Granularity): number {
  const d = new Date(time);
  switch (granularity) {
    case 'MINUTE':
      return time + 60_000;
    case 'HOUR':
      return time + 3_600_000;
    case 'DAY':
      return time + 86_400_000;
    case 'WEEK':
      return time + 7 * 86_400_000;
    case 'MONTH':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    case 'QUARTER':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1);
    case 'YEAR':
      return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  }
}

function aligned(series: Series, axis: number[]): (number | null)[] {
  const byTime = new Map(series.values.map((v) => [v.time, v.value]));
  return axis.map((time) => byTime.get(time) ?? null);
}

/** Groups points by split and keeps only the measure's values that are numbers, sorted by time. */
export function toSeries(points: TimeseriesPoint[], measure: string): Series[] {
  const bySplit = new Map<string, Series>();
  for (const point of points) {
    const time = Date.parse(point.time);
    const value = point.values.find((v) => v.measure === measure)?.value;
    if (Number.isNaN(time) || value === null || value === undefined) continue;
    const name = point.split ?? measure;
    const series = bySplit.get(name) ?? { name, values: [] };
    series.values.push({ time, value });
    bySplit.set(name, series);
  }
  for (const series of bySplit.values()) series.values.sort((a, b) => a.time - b.time);
  return [...bySplit.values()];
}
