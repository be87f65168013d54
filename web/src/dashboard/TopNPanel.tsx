import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi, useToken } from '../api/context';
import type { Slice } from '../api/strata';
import { TopNChart } from '../components/TopNChart';
import type { LabeledMeasure } from './measures';
import { Panel } from './Panel';
import { topNQuery } from './queries';

export const TOP_N = 10;

interface Props {
  slice: Slice;
  dimension: string;
  measure: LabeledMeasure;
  selected: string[];
  /** A click on a bar adds its value to the dimension's filter (or removes it). */
  onToggle: (value: string) => void;
}

/** The dimension's ten values with the highest measure, as bars. */
export function TopNPanel({ slice, dimension, measure, selected, onToggle }: Props) {
  const api = useApi();
  const token = useToken();
  const query = useQuery({
    ...topNQuery(api, slice, dimension, measure.input, TOP_N),
    enabled: Boolean(token),
    placeholderData: keepPreviousData,
  });
  return (
    <Panel id={`topn-${dimension}`} title={`Top ${dimension} by ${measure.title}`} query={query} what={`the top ${dimension} values`}>
      {(entries) => (
        <TopNChart
          dimension={dimension}
          entries={entries}
          title={measure.title}
          selected={selected}
          onSelect={onToggle}
          describedBy={`topn-${dimension}-title`}
        />
      )}
    </Panel>
  );
}
