import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import { GRANULARITIES, type Granularity } from '../api/types';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import type { LabeledMeasure } from './measures';
import { Panel } from './Panel';
import { timeseriesQuery } from './queries';

interface Props {
  slice: Slice;
  measure: LabeledMeasure;
  granularity: Granularity;
  split?: string;
  dimensions: string[];
  onGranularity: (granularity: Granularity) => void;
  onSplit: (split: string | undefined) => void;
}

/** The chosen measure per time bucket, with a granularity switch and an optional split by a dimension. */
export function TimeSeriesPanel({ slice, measure, granularity, split, dimensions, onGranularity, onSplit }: Props) {
  const api = useApi();
  const token = useToken();
  const query = useQuery({
    ...timeseriesQuery(api, slice, measure.input, granularity, split),
    enabled: Boolean(token),
    placeholderData: keepPreviousData,
  });

  const tools = (
    <>
      <label className="inline-field">
        Granularity
        <select value={granularity} onChange={(event) => onGranularity(event.target.value as Granularity)}>
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {g.charAt(0) + g.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Split by
        <select value={split ?? ''} onChange={(event) => onSplit(event.target.value || undefined)}>
          <option value="">No split</option>
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
    </>
  );

  return (
    <Panel
      id="timeseries"
      title={`${measure.title} over time`}
      tools={tools}
      query={query}
      what="the time series"
      className="panel-wide"
    >
      {(points) => (
        <TimeSeriesChart points={points} measure={measure.label} title={measure.title} granularity={granularity} />
      )}
    </Panel>
  );
}
