import type { TimeseriesPoint } from '../api/types';
import { formatNumber } from './KpiCards';

interface Props {
  points: TimeseriesPoint[];
  measure: string;
  label?: string;
}

interface Series {
  name: string;
  values: { time: number; value: number }[];
}

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 28, left: 64 };
const COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'];

/** One measure over time as an inline SVG line chart; one line per split value. */
export function TimeSeriesChart({ points, measure, label = measure }: Props) {
  const series = toSeries(points, measure);
  const all = series.flatMap((s) => s.values);
  if (all.length === 0) return <p className="muted">No data for {label} in this period.</p>;

  const times = all.map((v) => v.time);
  const minTime = Math.min(...times);
  const maxTime = Math.max(...times);
  const maxValue = Math.max(0, ...all.map((v) => v.value));
  const minValue = Math.min(0, ...all.map((v) => v.value));
  // A single time or a flat series is drawn in the middle rather than divided by zero.
  const share = (at: number, min: number, max: number) => (max === min ? 0.5 : (at - min) / (max - min));
  const x = (time: number) => PAD.left + share(time, minTime, maxTime) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - share(value, minValue, maxValue) * (HEIGHT - PAD.top - PAD.bottom);
  const yTicks = [minValue, (minValue + maxValue) / 2, maxValue];
  const xTicks = [...new Set([minTime, minTime + (maxTime - minTime) / 2, maxTime])];

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label} over time`}>
        {yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line className="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-axis" x={PAD.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text key={`x${tick}`} className="chart-axis" x={x(tick)} y={HEIGHT - 8} textAnchor="middle">
            {new Date(tick).toLocaleDateString()}
          </text>
        ))}
        {series.map((s, i) => {
          const color = COLORS[i % COLORS.length];
          return (
            <g key={s.name} data-series={s.name}>
              <polyline
                fill="none"
                stroke={color}
                strokeWidth={2}
                points={s.values.map((v) => `${x(v.time)},${y(v.value)}`).join(' ')}
              />
              {s.values.map((v) => (
                <circle key={v.time} cx={x(v.time)} cy={y(v.value)} r={3} fill={color}>
                  <title>{`${s.name} · ${new Date(v.time).toLocaleDateString()}: ${formatNumber(v.value)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption className="chart-legend">
          {series.map((s, i) => (
            <span key={s.name}>
              <span className="chart-swatch" style={{ background: COLORS[i % COLORS.length] }} />
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
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
