import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { relativeChange } from './format';
import { buckets, TimeSeriesChart, toSeries } from './TimeSeriesChart';

const point = (time: string, split: string | null, value: number | null) => ({
  time,
  split,
  values: [{ measure: 'COUNT', value }, { measure: 'SUM(amount)', value: 1 }],
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
      'COUNT',
    );
    expect(series).toEqual([
      { name: 'FR', values: [{ time: Date.parse('2024-01-01T00:00:00Z'), value: 3 }, { time: Date.parse('2024-01-02T00:00:00Z'), value: 5 }] },
      { name: 'DE', values: [{ time: Date.parse('2024-01-02T00:00:00Z'), value: 7 }] },
    ]);
  });
});

describe('TimeSeriesChart', () => {
  it('draws an ECharts chart with its numbers in a table, one row per bucket and split', () => {
    const { container } = render(
      <TimeSeriesChart
        measure="COUNT"
        title="Rows"
        granularity="DAY"
        points={[point('2024-01-01T00:00:00Z', 'FR', 3), point('2024-01-02T00:00:00Z', 'DE', 7)]}
      />,
    );
    expect(screen.getAllByRole('img', { name: 'Line chart of Rows per day' })[0]?.getAttribute('data-chart')).toBe('echarts');
    const rows = [...container.querySelectorAll('tr[data-time]')].map((tr) => [
      tr.getAttribute('data-time'),
      tr.getAttribute('data-split'),
      tr.getAttribute('data-value'),
    ]);
    expect(rows).toEqual([
      ['2024-01-01T00:00:00Z', 'FR', '3'],
      ['2024-01-02T00:00:00Z', 'DE', '7'],
    ]);
  });

  it('says there are no rows instead of drawing an empty chart', () => {
    render(<TimeSeriesChart measure="COUNT" title="Rows" granularity="DAY" points={[]} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('No rows in this period.')).toBeTruthy();
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

describe('buckets', () => {
  it('lists every bucket start between the first and the last, calendar months included', () => {
    expect(buckets(Date.parse('2024-02-26T00:00:00Z'), Date.parse('2024-03-11T00:00:00Z'), 'WEEK').map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2024-02-26',
      '2024-03-04',
      '2024-03-11',
    ]);
    expect(buckets(Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-03-01T00:00:00Z'), 'MONTH')).toHaveLength(3);
  });
});
