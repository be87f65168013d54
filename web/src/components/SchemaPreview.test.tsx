import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SchemaPreview } from './SchemaPreview';
import { ValidationReportView } from './ValidationReportView';

describe('SchemaPreview', () => {
  it('shows each column with its type, role and reason', () => {
    render(
      <SchemaPreview
        schema={{
          format: 'CSV',
          columns: [
            { name: 'day', druidName: 'day', type: 'TIMESTAMP', role: 'TIMESTAMP', reason: 'all 100 values parse as ISO dates' },
            { name: 'country', druidName: 'country', type: 'STRING', role: 'DIMENSION', reason: 'text with 12 distinct values' },
            { name: 'amount', druidName: 'amount', type: 'DOUBLE', role: 'METRIC' },
          ],
        }}
      />,
    );

    const table = screen.getByRole('table', { name: 'Detected columns' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(cells).toEqual([
      ['day', 'TIMESTAMP', 'TIMESTAMP', 'all 100 values parse as ISO dates'],
      ['country', 'STRING', 'DIMENSION', 'text with 12 distinct values'],
      ['amount', 'DOUBLE', 'METRIC', '—'],
    ]);
  });

  it('explains an empty detection instead of drawing an empty table', () => {
    render(<SchemaPreview schema={{ format: 'CSV', columns: [] }} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No columns were detected/)).toBeTruthy();
  });
});

describe('ValidationReportView', () => {
  it('lists the rejected rows with their row, column and reason, and the verdict', () => {
    render(
      <ValidationReportView
        report={{
          rows: 1200,
          badRows: 1,
          problems: [{ row: 7, column: 'amount', reason: "'abc' is not a DOUBLE" }],
          withinBudget: true,
          verdict: 'valid within the error budget: 1 bad row of 1200',
        }}
      />,
    );

    const problems = screen.getByRole('heading', { name: 'Problems (1)' }).parentElement!;
    expect(within(problems).getByRole('listitem').textContent).toBe("row 7, column amount: 'abc' is not a DOUBLE");
    expect(screen.getByText('Rows').nextSibling?.textContent).toBe((1200).toLocaleString());
    expect(screen.getByText('Bad rows').nextSibling?.textContent).toBe('1');
    expect(screen.getByText('valid within the error budget: 1 bad row of 1200').className).toBe('ok');
  });

  it('marks a file over its error budget', () => {
    render(
      <ValidationReportView
        report={{
          rows: 3,
          badRows: 2,
          problems: [{ row: 2, column: null, reason: 'ragged row: 4 fields, the header has 3' }],
          withinBudget: false,
          verdict: 'rejected: 2 bad rows of 3',
        }}
      />,
    );
    expect(screen.getByText('rejected: 2 bad rows of 3').className).toBe('issue-error');
    expect(screen.getByRole('listitem').textContent).toBe('row 2: ragged row: 4 fields, the header has 3');
  });
});
