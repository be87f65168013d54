import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/context';
import { StrataApi } from '../api/strata';
import type { Dataset } from '../api/types';
import { fakeFetch, graphQlBody, type RecordedRequest } from '../test/fakeFetch';
import { DatasetsPage } from './DatasetsPage';
import { dashboardMeasures } from './measures';

const sales: Dataset = {
  name: 'sales',
  rowCount: 1200,
  columns: [
    { name: '__time', type: 'LONG', role: 'TIMESTAMP' },
    { name: 'country', type: 'STRING', role: 'DIMENSION' },
    { name: 'count', type: 'BIGINT', role: 'METRIC' },
    { name: 'amount', type: 'DOUBLE', role: 'METRIC' },
  ],
  timeRange: { start: '2024-01-01T00:00:00Z', end: '2024-01-03T00:00:00Z' },
};

/** Answers each GraphQL operation by its name, like a tiny Strata. */
function strata(request: RecordedRequest): Response {
  const { query } = graphQlBody(request);
  const data = (() => {
    if (query.startsWith('query Datasets')) return { datasets: [sales] };
    if (query.startsWith('query Kpis'))
      return {
        kpis: [
          { measure: 'COUNT', value: 1200, previous: 1000, change: 0.2 },
          { measure: 'SUM(amount)', value: 5000.5, previous: 6000, change: -0.17 },
        ],
      };
    if (query.startsWith('query Timeseries'))
      return {
        timeseries: [
          { time: '2024-01-02T00:00:00Z', split: null, values: [{ measure: 'COUNT', value: 700 }] },
          { time: '2024-01-01T00:00:00Z', split: null, values: [{ measure: 'COUNT', value: 500 }] },
        ],
      };
    if (query.startsWith('query IngestionTasks'))
      return { ingestionTasks: { edges: [{ node: { id: 't9', dataset: 'sales', status: 'SUCCEEDED', createdAt: '2024-01-01T00:00:00Z' } }] } };
    throw new Error(`unexpected query ${query}`);
  })();
  return new Response(JSON.stringify({ data }));
}

function renderPage(fetch = fakeFetch(strata), selected?: string) {
  render(
    <ApiProvider api={new StrataApi({ fetch })}>
      <DatasetsPage selected={selected} onSelect={() => undefined} />
    </ApiProvider>,
  );
  return fetch;
}

describe('DatasetsPage', () => {
  it('lists datasets with their row counts', async () => {
    renderPage();
    const item = await screen.findByRole('button', { name: /sales/ });
    expect(item.textContent).toContain(`${(1200).toLocaleString()} rows`);
  });

  it('shows key figures, the daily chart and recent ingestions of the selected dataset', async () => {
    const fetch = renderPage(fakeFetch(strata), 'sales');

    const cards = await screen.findByRole('list', { name: 'Key figures' });
    const texts = within(cards).getAllByRole('listitem').map((card) => card.textContent);
    expect(texts[0]).toContain('COUNT');
    expect(texts[0]).toContain('+20.0%');
    expect(texts[1]).toContain('SUM(amount)');
    expect(texts[1]).toContain('-16.7%');
    expect(await screen.findByRole('img', { name: 'COUNT over time' })).toBeTruthy();
    expect(await screen.findByText('t9')).toBeTruthy();

    const kpiRequest = fetch.requests.map(graphQlBody).find((body) => body.query.startsWith('query Kpis'));
    expect(kpiRequest?.variables).toEqual({
      dataset: 'sales',
      measures: [{ aggregate: 'COUNT' }, { column: 'amount', aggregate: 'SUM' }],
      interval: sales.timeRange,
      compareToPrevious: true,
    });
  });

  it('tells the user to sign in when the server answers 401', async () => {
    renderPage(fakeFetch(() => new Response(null, { status: 401 })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not list datasets');
    expect(alert.textContent).toMatch(/Sign in/);
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('says so when the dataset in the address does not exist', async () => {
    renderPage(fakeFetch(strata), 'nope');
    expect((await screen.findByRole('alert')).textContent).toContain('No dataset named “nope”.');
  });
});

describe('dashboardMeasures', () => {
  it('counts rows, then sums each metric column, as aggregates without names', () => {
    expect(dashboardMeasures(sales).map((m) => [m.input, m.label])).toEqual([
      [{ aggregate: 'COUNT' }, 'COUNT'],
      [{ column: 'amount', aggregate: 'SUM' }, 'SUM(amount)'],
    ]);
  });
});
