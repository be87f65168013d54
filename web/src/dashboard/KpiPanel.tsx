import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import type { Interval, Kpi } from '../api/types';
import { formatWhen } from '../components/format';
import { type KpiCard, KpiCards } from '../components/KpiCards';
import { type LiveKpis, useLiveKpis } from '../hooks/useLiveKpis';
import type { LabeledMeasure } from './measures';
import { Panel } from './Panel';
import { kpiQuery } from './queries';

interface Props {
  slice: Slice;
  measures: LabeledMeasure[];
  /** The chosen range, compared with the period of the same length before it; null: no comparison. */
  compareWith: Interval | null;
  comparedWith: string;
}

/**
 * The key figures: each measure's value and its change against the previous period. Values follow the `liveKpis`
 * subscription once it answers (marked live); the comparison comes from the `kpis` query.
 */
export function KpiPanel({ slice, measures, compareWith, comparedWith }: Props) {
  const api = useApi();
  const token = useToken();
  const inputs = measures.map((m) => m.input);
  const query = useQuery({ ...kpiQuery(api, slice, inputs, compareWith), enabled: Boolean(token), placeholderData: keepPreviousData });
  const live = useLiveKpis(api, slice, inputs, Boolean(token));

  return (
    <Panel id="kpis" title="Key figures" tools={<LiveBadge live={live} />} query={query} what="key figures">
      {(kpis) => (
        <>
          <KpiCards cards={cards(measures, kpis, live, compareWith !== null)} comparedWith={comparedWith} />
          {compareWith === null && (
            <p className="muted small">Choose a time range to compare each figure with the period just before it.</p>
          )}
        </>
      )}
    </Panel>
  );
}

/** The cards: the live value where the subscription has one for this question, else the query's. */
export function cards(measures: LabeledMeasure[], kpis: Kpi[], live: LiveKpis, compared: boolean): KpiCard[] {
  const queried = new Map(kpis.map((k) => [k.measure, k]));
  const pushed = live.status === 'live' ? new Map(live.values.map((k) => [k.measure, k])) : undefined;
  return measures.map((measure) => {
    const answer = queried.get(measure.label);
    const value = pushed?.get(measure.label)?.value ?? answer?.value ?? null;
    return {
      label: measure.label,
      title: measure.title,
      value,
      previous: compared ? (answer?.previous ?? null) : undefined,
    };
  });
}

function LiveBadge({ live }: { live: LiveKpis }) {
  if (live.status === 'live') {
    return (
      <span className="badge badge-live" data-live="live" title="Pushed by the server over WebSocket (liveKpis)">
        <span className="live-dot" aria-hidden="true" /> Live · updated {formatWhen(live.at)}
      </span>
    );
  }
  if (live.status === 'connecting') {
    return (
      <span className="badge" data-live="connecting">
        Connecting live updates…
      </span>
    );
  }
  return (
    <span className="badge badge-polling" data-live="off" title={live.error?.message}>
      Live updates off{live.error ? `: ${live.error.message}` : ''}
      {live.retryInMs !== undefined ? ` · trying again in ${Math.round(live.retryInMs / 1000)} s` : ''}
    </span>
  );
}
