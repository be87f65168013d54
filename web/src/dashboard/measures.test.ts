import { describe, expect, it } from 'vitest';
import type { Dataset } from '../api/types';
import { dashboardMeasures } from './measures';

const sales: Dataset = {
  name: 'sales',
  rowCount: 3,
  columns: [
    { name: '__time', type: 'TIMESTAMP', role: 'TIMESTAMP' },
    { name: 'country', type: 'VARCHAR', role: 'DIMENSION' },
    { name: 'count', type: 'BIGINT', role: 'METRIC' },
    { name: 'revenue', type: 'DOUBLE', role: 'METRIC' },
  ],
  measures: [
    { name: 'count', expression: 'COUNT(*)', builtIn: true },
    { name: 'revenue', expression: 'SUM(revenue)', builtIn: true },
    { name: 'margin', expression: 'SUM(revenue) / 2', builtIn: false },
  ],
};

describe('dashboardMeasures', () => {
  it('asks the defaults as the aggregates they stand for, then the defined measures by name', () => {
    expect(dashboardMeasures(sales).map((m) => [m.input, m.label])).toEqual([
      [{ aggregate: 'COUNT' }, 'COUNT'],
      [{ column: 'revenue', aggregate: 'SUM' }, 'SUM(revenue)'],
      [{ name: 'margin' }, 'margin'],
    ]);
  });

  it('never sends a name beside an aggregate (the API refuses it)', () => {
    for (const { input } of dashboardMeasures(sales)) {
      expect(input.name !== undefined && (input.aggregate !== undefined || input.column !== undefined)).toBe(false);
    }
  });

  it('sums the metric columns when the dataset lists no measures', () => {
    expect(dashboardMeasures({ ...sales, measures: undefined }).map((m) => m.label)).toEqual(['COUNT', 'SUM(revenue)']);
  });
});
