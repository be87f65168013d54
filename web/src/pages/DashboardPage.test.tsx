import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../api/types';
import { parseState } from '../dashboard/state';
import { graphQlBody } from '../test/fakeFetch';
import { fakeStrata } from '../test/fakeStrata';
import { fakeSubscriptions } from '../test/fakeSubscriptions';
import { renderWithApi } from '../test/render';
import { DashboardPage } from './DashboardPage';

const sales: Dataset = {
  name: 'sales',
  rowCount: 1200,
  columns: [
    { name: '__time', type: 'TIMESTAMP', role: 'TIMESTAMP' },
    { name: 'country', type: 'VARCHAR', role: 'DIMENSION' },
    { name: 'count', type: 'BIGINT', role: 'METRIC' },
    { name: 'amount', type: 'DOUBLE', role: 'METRIC' },
  ],
  measures: [
    { name: 'count', expression: 'COUNT(*)', builtIn: true },
    { name: 'amount', expression: 'SUM(amount)', builtIn: true },
  ],
  timeRange: { start: '2024-01-01T00:00:00Z', end: '2024-01-03T00:00:00Z' },
  updatedAt: '2024-01-03T00:00:00Z',
};

const values = (count: number, amount: number) => [
  { measure: 'COUNT', value: count },
  { measure: 'SUM(amount)', value: amount },
];

const strata = () =>
  fakeStrata({
    Dataset: () => ({ dataset: sales }),
    Kpis: (v) =>
      v.interval
        ? { kpis: [{ measure: 'COUNT', value: 700, previous: 500, change: 0.4 }, { measure: 'SUM(amount)', value: 10, previous: 20, change: -0.5 }] }
        : { kpis: [{ measure: 'COUNT', value: 1200, previous: null, change: null }, { measure: 'SUM(amount)', value: 30, previous: null, change: null }] },
    Timeseries: () => ({ timeseries: [{ time: '2024-01-01T00:00:00Z', split: null, values: [{ measure: 'COUNT', value: 1200 }] }] }),
    TopN: (v) => ({ topN: v.measure && (v.measure as { aggregate?: string }).aggregate === 'COUNT' ? [{ dimensionValue: 'FR', measure: 'COUNT', value: 800 }, { dimensionValue: 'DE', measure: 'COUNT', value: 400 }] : [] }),
    Table: () => ({
      table: {
        edges: [{ cursor: 'c1', node: { dimensions: [{ dimension: 'country', value: 'FR' }], values: values(800, 20) } }],
        pageInfo: { hasNextPage: true, endCursor: 'c1' },
      },
    }),
  });

function renderDashboard(query = '', fetch = strata()) {
  const onNavigate = vi.fn();
  const subscriptions = fakeSubscriptions();
  const rendered = renderWithApi(<DashboardPage name="sales" query={query} onNavigate={onNavigate} />, {
    fetch,
    subscriptions: subscriptions.transport,
  });
  return { ...rendered, fetch, onNavigate, subscriptions };
}

const kpis = () =>
  within(screen.getByRole('list', { name: 'Key figures' }))
    .getAllByRole('listitem')
    .map((card) => [card.getAttribute('data-kpi'), card.getAttribute('data-value')]);

describe('DashboardPage', () => {
  it('shows every panel over the whole dataset, asking only what the server accepts', async () => {
    const { fetch } = renderDashboard();
    await screen.findByRole('list', { name: 'Key figures' });
    expect(kpis()).toEqual([
      ['COUNT', '1200'],
      ['SUM(amount)', '30'],
    ]);
    expect(await screen.findByRole('table', { name: 'Rows by country, page 1' })).toBeTruthy();
    expect(screen.getAllByRole('img', { name: /Bar chart of the top/ }).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('img', { name: 'Line chart of Rows per hour' }).length).toBeGreaterThan(0);
    // The fake answers what the server refuses with its errors: none came.
    expect(screen.queryByRole('alert')).toBeNull();
    const kpiRequest = fetch.requests.map(graphQlBody).find((b) => b.query.includes('query Kpis'));
    expect(kpiRequest?.variables).toMatchObject({ measures: [{ aggregate: 'COUNT' }, { column: 'amount', aggregate: 'SUM' }], compareToPrevious: false });
  });

  it('applies a chosen time range and filter to every panel, and compares with the previous period', async () => {
    const { fetch } = renderDashboard('from=2024-01-02&to=2024-01-02&f.country=FR');
    await waitFor(() => expect(kpis()).toEqual([['COUNT', '700'], ['SUM(amount)', '10']]));
    expect(screen.getByRole('list', { name: 'Key figures' }).textContent).toContain('+40.0% vs the day before');
    await screen.findByRole('table', { name: 'Rows by country, page 1' });
    const interval = { start: '2024-01-02T00:00:00.000Z', end: '2024-01-03T00:00:00.000Z' };
    const panels = fetch.requests.map(graphQlBody).filter((b) => /query (Kpis|Timeseries|Table)/.test(b.query));
    expect(panels.length).toBeGreaterThanOrEqual(3);
    for (const body of panels) expect(body.variables).toMatchObject({ interval, filter: { dimension: 'country', eq: 'FR' } });
  });

  it('labels each value picker with its dimension and puts a choice in the address', async () => {
    const { onNavigate } = renderDashboard();
    const picker = (await screen.findByLabelText('country')) as HTMLSelectElement;
    await within(picker).findByRole('option', { name: 'FR (800)' });
    (within(picker).getByRole('option', { name: 'DE (400)' }) as HTMLOptionElement).selected = true;
    fireEvent.change(picker);
    expect(onNavigate).toHaveBeenLastCalledWith(parseState('f.country=DE'));
  });

  it('pages the table by its cursors', async () => {
    const { onNavigate } = renderDashboard();
    fireEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    expect(onNavigate).toHaveBeenLastCalledWith(parseState('page=c1'));
  });

  it('shows live values pushed by the liveKpis subscription, marked live', async () => {
    const { subscriptions } = renderDashboard();
    await screen.findByRole('list', { name: 'Key figures' });
    const live = subscriptions.subscriptions.find((s) => s.document.includes('liveKpis'))!;
    live.sink.next({ liveKpis: values(1300, 31) });
    await waitFor(() => expect(kpis()).toEqual([['COUNT', '1300'], ['SUM(amount)', '31']]));
    expect(screen.getByText(/Live · updated/)).toBeTruthy();
  });

  it('says the dataset does not exist', async () => {
    renderDashboard('', fakeStrata({ Dataset: () => ({ dataset: null }) }));
    expect((await screen.findByRole('alert')).textContent).toContain('No dataset named “sales”.');
  });

  it('tells the user to sign in when the server answers 401', async () => {
    const fetch = Object.assign(async () => new Response(null, { status: 401 }), { requests: [] });
    renderDashboard('', fetch);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the dataset sales');
    expect(alert.textContent).toMatch(/Sign in/);
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
