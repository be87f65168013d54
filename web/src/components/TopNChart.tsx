import { useMemo } from 'react';
import type { TopNEntry } from '../api/types';
import { type ChartOption, EChart, PALETTE } from './EChart';
import { formatCompact, formatNumber } from './format';

interface Props {
  dimension: string;
  entries: TopNEntry[];
  /** How a person reads the measure. */
  title: string;
  /** Values chosen in the filter: their bars are highlighted. */
  selected?: string[];
  /** A click on a bar: filter by its value. */
  onSelect?: (value: string) => void;
  /** The id of the heading that says what the chart shows. */
  describedBy?: string;
}

const EMPTY = '(empty)';

/** The dimension's values with the highest measure, as horizontal bars (highest on top), with a data table. */
export function TopNChart({ dimension, entries, title, selected = [], onSelect, describedBy }: Props) {
  const option = useMemo<ChartOption>(() => {
    const ordered = [...entries].reverse();
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatNumber(v as number) },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCompact(value) } },
      yAxis: { type: 'category', data: ordered.map((e) => e.dimensionValue ?? EMPTY), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: title,
          cursor: onSelect ? 'pointer' : 'default',
          label: { show: true, position: 'right', formatter: (p) => formatCompact(Number(p.value)) },
          data: ordered.map((e) => ({
            value: e.value ?? 0,
            itemStyle: {
              color: selected.length === 0 || selected.includes(e.dimensionValue ?? '') ? PALETTE[0] : '#cbd5e1',
            },
          })),
        },
      ],
    };
  }, [entries, title, selected, onSelect]);

  if (entries.length === 0) return <p className="muted empty">No rows match.</p>;
  return (
    <figure className="chart" data-dimension={dimension}>
      <EChart
        option={option}
        label={`Bar chart of the top ${entries.length} values`}
        describedBy={describedBy}
        height={Math.max(120, entries.length * 28 + 24)}
        onSelect={(name) => name !== EMPTY && onSelect?.(name)}
      />
      <details className="chart-data">
        <summary>Data table</summary>
        <table className="table table-compact">
          <caption className="visually-hidden">
            {title} by {dimension}
          </caption>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              <th scope="col" className="numeric">
                {title}
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.dimensionValue ?? EMPTY} data-key={entry.dimensionValue ?? ''} data-value={entry.value ?? ''}>
                <td>{entry.dimensionValue ?? EMPTY}</td>
                <td className="numeric">{formatNumber(entry.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
