import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { relativeChange } from './KpiCards';
import { TimeSeriesChart, toSeries } from './TimeSeriesChart';

const point = (time: string, split: string | null, value: number | null) => ({
  time,
  split,
  values: [{ measure: 'rows', value }, { measure: 'sum_amount', value: 1 }],
});

describe('toSeries', () => {
  it('groups by split, sorts by time and drops missing values', () => {
    const series = toSeries(
      [
        point('2024-01-02T00:00:00Z', 'FR', 5),
        point('2024-01-01T00:00:00Z', 'FR', 3),
        point('2024-01-01T00:00:00Z', 'DE', null),
        point('2024-01-02T00:00:00Z', 'DE', 7),
      ],
      'rows',
    );
    expect(series).toEqual([
      { name: 'FR', values: [{ time: Date.parse('2024-01-01T00:00:00Z'), value: 3 }, { time: Date.parse('2024-01-02T00:00:00Z'), value: 5 }] },
      { name: 'DE', values: [{ time: Date.parse('2024-01-02T00:00:00Z'), value: 7 }] },
    ]);
  });
});

describe('TimeSeriesChart', () => {
  it('draws one line per split with a legend', () => {
    const { container } = render(
      <TimeSeriesChart
        measure="rows"
        label="Rows"
        points={[point('2024-01-01T00:00:00Z', 'FR', 3), point('2024-01-02T00:00:00Z', 'DE', 7)]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Rows over time' })).toBeTruthy();
    expect([...container.querySelectorAll('[data-series]')].map((g) => g.getAttribute('data-series'))).toEqual(['FR', 'DE']);
    expect(container.querySelector('figcaption')?.textContent).toBe('FRDE');
  });

  it('says there is no data instead of drawing an empty chart', () => {
    render(<TimeSeriesChart measure="rows" label="Rows" points={[]} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('No data for Rows in this period.')).toBeTruthy();
  });
});

describe('relativeChange', () => {
  it('is the change relative to the previous value, and unknown without one', () => {
    expect(relativeChange(120, 100)).toBeCloseTo(0.2);
    expect(relativeChange(-50, -100)).toBeCloseTo(0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});
