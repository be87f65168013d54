import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SchemaPreview } from './SchemaPreview';
import { ValidationReportView } from './ValidationReportView';

describe('SchemaPreview', () => {
  it('shows each column with its type, role and reason', () => {
    render(
      <SchemaPreview
        schema={{
          columns: [
            { name: 'day', type: 'LONG', role: 'TIMESTAMP', reason: 'all 100 values parse as ISO dates' },
            { name: 'country', type: 'STRING', role: 'DIMENSION', reason: 'text with 12 distinct values' },
            { name: 'amount', type: 'DOUBLE', role: 'METRIC' },
          ],
        }}
      />,
    );

    const table = screen.getByRole('table', { name: 'Detected columns' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(cells).toEqual([
      ['day', 'LONG', 'TIMESTAMP', 'all 100 values parse as ISO dates'],
      ['country', 'STRING', 'DIMENSION', 'text with 12 distinct values'],
      ['amount', 'DOUBLE', 'METRIC', '—'],
    ]);
  });

  it('explains an empty detection instead of drawing an empty table', () => {
    render(<SchemaPreview schema={{ columns: [] }} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No columns were detected/)).toBeTruthy();
  });
});

describe('ValidationReportView', () => {
  it('lists errors with their row, column and value', () => {
    render(
      <ValidationReportView
        report={{
          rowsRead: 1200,
          rowsValid: 1199,
          rowsRejected: 1,
          errors: [{ row: 7, column: 'amount', value: 'abc', message: 'not a number' }],
        }}
      />,
    );

    const errors = screen.getByRole('heading', { name: 'Errors (1)' }).parentElement!;
    expect(within(errors).getByRole('listitem').textContent).toBe('row 7, column amount: not a number (value abc)');
    expect(screen.getByText('Rows read').nextSibling?.textContent).toBe((1200).toLocaleString());
    expect(screen.queryByText('No problems found.')).toBeNull();
  });

  it('says so when there is nothing to report', () => {
    render(<ValidationReportView report={{ rowsRead: 3, errors: [], warnings: [] }} />);
    expect(screen.getByText('No problems found.')).toBeTruthy();
  });
});
