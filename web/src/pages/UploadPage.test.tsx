import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/context';
import { StrataApi } from '../api/strata';
import type { IngestionTaskUpdate } from '../api/types';
import { fakeFetch, json, type RecordedRequest } from '../test/fakeFetch';
import { fakeSubscriptions } from '../test/fakeSubscriptions';
import { suggestName, UploadPage } from './UploadPage';

const detected = {
  schema: {
    format: 'CSV',
    columns: [
      { name: 'day', druidName: 'day', type: 'TIMESTAMP', role: 'TIMESTAMP', reason: 'ISO dates' },
      { name: 'amount', druidName: 'amount', type: 'DOUBLE', role: 'METRIC', reason: 'decimal numbers' },
    ],
  },
  report: { rows: 2, badRows: 0, problems: [], withinBudget: true, verdict: 'valid: 2 rows, no problems' },
  spec: { type: 'index_parallel' },
};

function server(request: RecordedRequest): Response {
  if (request.url === '/api/v1/schema/detect') return new Response(JSON.stringify(detected));
  if (request.url.startsWith('/api/v1/datasets/')) {
    return new Response(JSON.stringify({ uploadId: 'u1', taskId: 'task-1', dataset: 'sales', ...detected }), { status: 202 });
  }
  return new Response(JSON.stringify({ error: `unexpected ${request.url}` }), { status: 404 });
}

function renderPage(fetch = fakeFetch(server)) {
  const subscriptions = fakeSubscriptions();
  const api = new StrataApi({ fetch, subscriptions: subscriptions.transport });
  render(
    <ApiProvider api={api}>
      <UploadPage />
    </ApiProvider>,
  );
  return { fetch, subscriptions };
}

const chooseFile = (name = 'sales.csv') =>
  fireEvent.change(screen.getByLabelText(/Choose a file/), {
    target: { files: [new File(['day,amount\n2024-01-01,3\n'], name, { type: 'text/csv' })] },
  });

describe('UploadPage', () => {
  it('previews the chosen file and suggests a dataset name from it', async () => {
    const { fetch } = renderPage();
    chooseFile('sales.csv');

    const table = await screen.findByRole('table', { name: 'Detected columns' });
    expect(within(table).getByText('ISO dates')).toBeTruthy();
    expect(within(table).getByText('DOUBLE')).toBeTruthy();
    expect((screen.getByLabelText('Dataset name') as HTMLInputElement).value).toBe('sales');
    expect(fetch.requests.map((r) => r.url)).toEqual(['/api/v1/schema/detect']);
  });

  it('explains an invalid name and keeps upload disabled', () => {
    renderPage();
    chooseFile();
    const name = screen.getByLabelText('Dataset name');
    fireEvent.change(name, { target: { value: '2024-sales' } });
    fireEvent.blur(name);

    expect(screen.getByText('Dataset names start with a letter, not "2".')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('uploads, then follows the task over the subscription to success', async () => {
    const { fetch, subscriptions } = renderPage();
    chooseFile();
    fireEvent.change(screen.getByLabelText('If the dataset exists'), { target: { value: 'append' } });
    await screen.findByRole('table', { name: 'Detected columns' });

    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await screen.findByRole('region', { name: 'Ingestion task status' });

    expect(fetch.requests[1]?.url).toBe('/api/v1/datasets/sales/uploads?fileName=sales.csv&mode=append');
    expect(subscriptions.subscriptions[0]?.variables).toEqual({ id: 'task-1' });
    const push = (update: Partial<IngestionTaskUpdate>) =>
      act(() => subscriptions.subscriptions[0]!.sink.next({ ingestionTask: { id: 'task-1', rowsProcessed: null, error: null, ...update } }));

    push({ status: 'STORED' });
    push({ status: 'RUNNING', rowsProcessed: 1 });
    push({ status: 'SUCCEEDED', rowsProcessed: 2 });

    const states = screen
      .getAllByRole('listitem')
      .filter((item) => item.dataset.status)
      .map((item) => `${item.dataset.status}:${item.dataset.state}`);
    expect(states).toEqual([
      'RECEIVED:passed',
      'VALIDATING:passed',
      'STORED:done',
      'SUBMITTED:passed',
      'RUNNING:done',
      'SUCCEEDED:done',
    ]);
    expect(screen.getByText('Rows processed: 2')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Explore sales/ }).getAttribute('href')).toBe('#/datasets/sales');
    expect(subscriptions.subscriptions[0]?.closed).toBe(true);
  });

  it('shows the server error and what to do when the upload is refused', async () => {
    const fetch = fakeFetch(json(detected), json({ error: 'Dataset [sales] already exists' }, 409));
    renderPage(fetch);
    chooseFile();
    await screen.findByRole('table', { name: 'Detected columns' });

    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Upload failed');
    expect(alert.textContent).toContain('Dataset [sales] already exists');
    expect(alert.textContent).toContain('upload with mode "append" or "replace"');
  });

  it('shows a preview failure with a retry', async () => {
    const fetch = fakeFetch(json({ error: 'Unsupported format: .docx' }, 415), json(detected));
    renderPage(fetch);
    chooseFile('notes.docx');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not preview this file');
    expect(alert.textContent).toContain('Unsupported format: .docx');

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Detected columns' })).toBeTruthy();
  });
});

describe('suggestName', () => {
  it.each([
    ['sales.csv', 'sales'],
    ['sales.csv.gz', 'sales'],
    ['Q1 report (final).xlsx', 'Q1_report_final'],
    ['2024-sales.csv', 'd2024-sales'],
    ['.csv', ''],
  ])('turns %s into %s', (file, name) => {
    expect(suggestName(file)).toBe(name);
  });
});
