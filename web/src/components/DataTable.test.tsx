import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DataTable, rowData } from './DataTable';

const row = { cursor: 'c1', dimensions: [{ dimension: 'country', value: 'FR' }], values: [{ measure: 'COUNT', value: 3 }] };
const columns = [
  { field: 'country', title: 'country', numeric: false },
  { field: 'COUNT', title: 'Rows', numeric: true },
];

describe('DataTable', () => {
  it('marks the sorted column and sorts a number column highest first, then reverses', () => {
    const onSort = vi.fn();
    const { rerender } = render(<DataTable columns={columns} rows={[row]} caption="t" onSort={onSort} />);
    fireEvent.click(screen.getByRole('button', { name: /Rows/ }));
    expect(onSort).toHaveBeenLastCalledWith({ field: 'COUNT', direction: 'DESC' });
    fireEvent.click(screen.getByRole('button', { name: /country/ }));
    expect(onSort).toHaveBeenLastCalledWith({ field: 'country', direction: 'ASC' });

    rerender(<DataTable columns={columns} rows={[row]} caption="t" onSort={onSort} sort={{ field: 'COUNT', direction: 'DESC' }} />);
    expect(screen.getByRole('columnheader', { name: /Rows/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Rows/ }));
    expect(onSort).toHaveBeenLastCalledWith({ field: 'COUNT', direction: 'ASC' });
  });

  it('carries each row as data', () => {
    expect(rowData(row)).toEqual({ country: 'FR', COUNT: 3 });
  });
});
