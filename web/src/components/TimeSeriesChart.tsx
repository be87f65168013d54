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

const HOUR_MS = 3_600_000;
const BUCKET_MS: Record<Granularity, number> = {
  MINUTE: 60_000,
  HOUR: HOUR_MS,
  DAY: 24 * HOUR_MS,
  WEEK: 7 * 24 * HOUR_MS,
  MONTH: 28 * 24 * HOUR_MS,
  QUARTER: 90 * 24 * HOUR_MS,
  YEAR: 365 * 24 * HOUR_MS,
};

export interface Series {
  name: string;
  values: { time: number; value: number }[];
}

/** One measure over time, one line per split value, with its numbers in a table beside the chart. */
export function TimeSeriesChart({ points, measure, title = measure, granularity }: Props) {
  const series = useMemo(() => toSeries(points, measure), [points, measure]);
  const split = points.some((p) => p.split !== null);
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      grid: { left: 8, right: 16, top: split ? 40 : 16, bottom: 8, containLabel: true },
      legend: split ? { type: 'plain', top: 0 } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) => formatNumber(typeof value === 'number' ? value : null),
      },
      xAxis: {
        type: 'time',
        // Ticks no finer than the buckets: a weekly series is labelled by weeks, not days.
        minInterval: BUCKET_MS[granularity],
        axisLabel: { formatter: (value: number) => formatBucket(value, granularity), hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCompact(value) } },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        showSymbol: s.values.length < 60,
        smooth: false,
        areaStyle: split ? undefined : { opacity: 0.12 },
        data: s.values.map((v) => [v.time, v.value]),
      })),
    }),
    [series, split, granularity],
  );

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
