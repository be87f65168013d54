import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/context';
import type { Slice } from '../api/strata';
import type { Dataset, Granularity, Interval, OrderBy } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDay } from '../components/format';
import { exportDocument, fetchViewer, type Snapshot } from '../export/snapshot';
import { cards } from './KpiPanel';
import type { LabeledMeasure } from './measures';
import { kpiQuery, tableQuery, timeseriesQuery, topNQuery } from './queries';
import type { DashboardState } from './state';
import { TOP_N } from './TopNPanel';

interface Props {
  dataset: Dataset;
  slice: Slice;
  state: DashboardState;
  measures: LabeledMeasure[];
  measure: LabeledMeasure;
  granularity: Granularity;
  top: string[];
  rows: string[];
  sort: OrderBy;
  compareWith: Interval | null;
  comparedWith: string;
}

/**
 * Downloads the view as one HTML file: the panels' data (the same queries as on screen, from the cache when
 * there) embedded with the viewer's script and style, so it opens anywhere with no server and no network.
 */
export function ExportButton(props: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });

  const run = async () => {
    setState({ busy: true });
    try {
      const { slice, measures, measure } = props;
      const inputs = measures.map((m) => m.input);
      const [kpis, points, tops, table, viewer] = await Promise.all([
        queryClient.fetchQuery(kpiQuery(api, slice, inputs, props.compareWith)),
        queryClient.fetchQuery(timeseriesQuery(api, slice, measure.input, props.granularity, props.state.split)),
        Promise.all(props.top.map((d) => queryClient.fetchQuery(topNQuery(api, slice, d, measure.input, TOP_N)))),
        props.rows.length === 0
          ? Promise.resolve({ items: [], pageInfo: { hasNextPage: false, endCursor: null } })
          : queryClient.fetchQuery(
              tableQuery(api, slice, {
                dimensions: props.rows,
                measures: inputs,
                orderBy: [props.sort],
                first: props.state.size,
                after: props.state.pages.at(-1) ?? null,
              }),
            ),
        fetchViewer(),
      ]);
      const snapshot: Snapshot = {
        version: 1,
        dataset: props.dataset.name,
        generatedAt: new Date().toISOString(),
        link: window.location.href,
        choices: choices(props),
        kpis: { cards: cards(measures, kpis, { status: 'connecting' }, props.compareWith !== null), comparedWith: props.comparedWith },
        timeseries: { measure: measure.label, title: measure.title, granularity: props.granularity, points },
        topN: props.top.map((dimension, i) => ({
          dimension,
          title: measure.title,
          selected: props.state.filters[dimension] ?? [],
          entries: tops[i] ?? [],
        })),
        table: {
          columns: [
            ...props.rows.map((d) => ({ field: d, title: d, numeric: false })),
            ...measures.map((m) => ({ field: m.label, title: m.title, numeric: true })),
          ],
          rows: table.items,
          sort: props.sort,
          caption: `Rows by ${props.rows.join(', ')}, page ${props.state.pages.length + 1}`,
          more: table.pageInfo.hasNextPage || props.state.pages.length > 0,
        },
      };
      download(exportDocument(snapshot, viewer), `${props.dataset.name}-${snapshot.generatedAt.slice(0, 10)}.html`);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error });
    }
  };

  return (
    <div className="export-action">
      <button type="button" onClick={() => void run()} disabled={state.busy} title="One HTML file with this view's data; opens offline">
        {state.busy ? 'Exporting…' : 'Export HTML'}
      </button>
      {state.error !== undefined && <ErrorNotice title="Could not export" error={state.error} onRetry={() => void run()} />}
    </div>
  );
}

function choices({ state, granularity, measure }: Props): string[] {
  const range =
    state.from || state.to ? `Time range: ${state.from ? formatDay(state.from) : '…'} – ${state.to ? formatDay(state.to) : '…'}` : 'All time';
  const filters = Object.entries(state.filters)
    .filter(([, values]) => values.length > 0)
    .map(([dimension, values]) => `${dimension}: ${values.join(', ')}`);
  const split = state.split ? [`split by ${state.split}`] : [];
  return [range, ...filters, `${measure.title} per ${granularity.toLowerCase()}`, ...split];
}

function download(html: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
