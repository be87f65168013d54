import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../test/fakeFetch';
import { fakeStrata } from '../test/fakeStrata';
import { renderWithApi } from '../test/render';
import { DatasetsPage } from './DatasetsPage';

const task = (id: string, dataset: string, status: string) => ({
  id,
  dataset,
  status,
  rowsProcessed: 3,
  rowsUnparseable: 0,
  error: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:01:00Z',
});

describe('DatasetsPage', () => {
  it('lists each dataset with its rows, time range and last ingestion', async () => {
    const fetch = fakeStrata({
      Datasets: () => ({
        datasets: [
          {
            name: 'sales',
            rowCount: 1200,
            columns: [],
            timeRange: { start: '2024-03-01T00:00:00Z', end: '2024-03-31T00:00:00Z' },
            updatedAt: new Date().toISOString(),
          },
        ],
      }),
      IngestionTasks: () => ({
        ingestionTasks: { edges: [{ cursor: 't2', node: task('t2', 'sales', 'FAILED') }, { cursor: 't1', node: task('t1', 'sales', 'SUCCEEDED') }], pageInfo: { hasNextPage: false, endCursor: 't1' } },
      }),
    });
    renderWithApi(<DatasetsPage />, { fetch });
    const row = (await screen.findByRole('link', { name: 'sales' })).closest('tr')!;
    expect(row.getAttribute('href') ?? within(row).getByRole('link').getAttribute('href')).toBe('#/datasets/sales');
    expect(row.textContent).toContain((1200).toLocaleString());
    expect(row.textContent).toContain('Mar 30, 2024');
    expect(await within(row).findByText('FAILED')).toBeTruthy();
    expect(row.textContent).toContain('updated just now');
  });

  it('lists a dataset the server reports unavailable, with its reason', async () => {
    const fetch = fakeFetch((request) => {
      const { query } = JSON.parse(String(request.body)) as { query: string };
      if (query.includes('query IngestionTasks')) return json({ data: { ingestionTasks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } })(request);
      return json({
        data: {
          datasets: [
            { name: 'dropped', available: false, unavailableReason: "dataset 'dropped' is unavailable: Druid has no datasource 'dropped'", rowCount: null, columns: [], timeRange: null },
            { name: 'kept', available: true, unavailableReason: null, rowCount: 5, columns: [], timeRange: null },
          ],
        },
      })(request);
    });
    renderWithApi(<DatasetsPage />, { fetch });
    const dropped = (await screen.findByRole('link', { name: 'dropped' })).closest('tr')!;
    expect(within(dropped).getByText('unavailable').getAttribute('title')).toContain("Druid has no datasource 'dropped'");
    const kept = (await screen.findByRole('link', { name: 'kept' })).closest('tr')!;
    expect(within(kept).queryByText('unavailable')).toBeNull();
  });

  it('still lists a dataset some of whose figures failed, marked unavailable', async () => {
    const fetch = fakeFetch((request) => {
      const { query } = JSON.parse(String(request.body)) as { query: string };
      if (query.includes('query IngestionTasks')) return json({ data: { ingestionTasks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } })(request);
      return json({
        data: { datasets: [{ name: 'gone', rowCount: null, columns: [], timeRange: null }] },
        errors: [{ message: "datasource 'gone' is missing in Druid", path: ['datasets', 0, 'rowCount'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } }],
      })(request);
    });
    renderWithApi(<DatasetsPage />, { fetch });
    const row = (await screen.findByRole('link', { name: 'gone' })).closest('tr')!;
    expect(within(row).getByText('unavailable').getAttribute('title')).toContain('missing in Druid');
    expect(row.textContent).toContain('no rows');
  });

  it('invites an upload when there is no dataset', async () => {
    renderWithApi(<DatasetsPage />, {
      fetch: fakeStrata({ Datasets: () => ({ datasets: [] }), IngestionTasks: () => ({ ingestionTasks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } }) }),
    });
    expect(await screen.findByText('No datasets yet')).toBeTruthy();
  });
});
