import type { Kpi } from '../api/types';

interface Props {
  kpis: Kpi[];
  /** Display names by measure name; unknown measures show their name. */
  labels?: Record<string, string>;
}

/** One card per KPI: the value, and how it compares with the previous period when known. */
export function KpiCards({ kpis, labels = {} }: Props) {
  return (
    <ul className="kpi-cards" aria-label="Key figures">
      {kpis.map((kpi) => (
        <li key={kpi.measure} className="kpi-card">
          <span className="kpi-label">{labels[kpi.measure] ?? kpi.measure}</span>
          <span className="kpi-value">{formatNumber(kpi.value)}</span>
          <Comparison kpi={kpi} />
        </li>
      ))}
    </ul>
  );
}

function Comparison({ kpi }: { kpi: Kpi }) {
  if (kpi.previous === null || kpi.previous === undefined) return null;
  // Computed from value and previous rather than read from `change`, so the percentage cannot be
  // misread whether the server sends a ratio or a difference.
  const delta = relativeChange(kpi.value, kpi.previous);
  const direction = delta === null || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  return (
    <span className={`kpi-change kpi-change-${direction}`}>
      {delta === null ? 'n/a' : `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)}%`}
      <span className="muted"> vs {formatNumber(kpi.previous)} before</span>
    </span>
  );
}

export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
