import { describe, expect, it } from 'vitest';
import { autoGranularity, emptyState, filterOf, formatState, intervalOf, parseState, withChange } from './state';

describe('the dashboard state in the address', () => {
  it('round-trips every choice', () => {
    const state = {
      ...emptyState(),
      from: '2024-03-02',
      to: '2024-03-04',
      granularity: 'HOUR' as const,
      split: 'device',
      measure: 'SUM(revenue)',
      filters: { country: ['FR', 'D,E'], device: ['web'] },
      top: ['country'],
      rows: [],
      sort: { field: 'SUM(revenue)', direction: 'ASC' as const },
      pages: ['c1', 'c2'],
      size: 25,
    };
    expect(parseState(formatState(state))).toEqual(state);
  });

  it('leaves the defaults out, so the plain route is the default view', () => {
    expect(formatState(emptyState())).toBe('');
    expect(parseState('')).toEqual(emptyState());
  });

  it('ignores what it cannot read', () => {
    expect(parseState('from=yesterday&g=FORTNIGHT&size=7')).toEqual(emptyState());
  });

  it('starts the table again at its first page when what it shows changes', () => {
    const paged = { ...emptyState(), pages: ['c1'] };
    expect(withChange(paged, { filters: { country: ['FR'] } }).pages).toEqual([]);
    expect(withChange(paged, { granularity: 'DAY' }).pages).toEqual(['c1']);
    expect(withChange(paged, { pages: ['c1', 'c2'] }).pages).toEqual(['c1', 'c2']);
  });
});

describe('intervalOf', () => {
  const range = { start: '2024-03-01T00:00:00Z', end: '2024-03-30T19:57:00.001Z' };

  it('is half-open, the last chosen day included', () => {
    expect(intervalOf({ ...emptyState(), from: '2024-03-02', to: '2024-03-04' }, range)).toEqual({
      start: '2024-03-02T00:00:00.000Z',
      end: '2024-03-05T00:00:00.000Z',
    });
  });

  it('takes an open end from the dataset, since a comparison needs both', () => {
    expect(intervalOf({ ...emptyState(), from: '2024-03-10' }, range)).toEqual({
      start: '2024-03-10T00:00:00.000Z',
      end: '2024-03-30T19:57:00.001Z',
    });
  });

  it('is null when no day is chosen', () => {
    expect(intervalOf(emptyState(), range)).toBeNull();
  });
});

describe('filterOf', () => {
  it('keeps rows whose every filtered dimension holds a chosen value', () => {
    expect(filterOf({ country: ['FR', 'DE'], device: ['web'], empty: [] })).toEqual({
      and: [
        { dimension: 'country', in: ['FR', 'DE'] },
        { dimension: 'device', eq: 'web' },
      ],
    });
    expect(filterOf({ country: ['FR'] })).toEqual({ dimension: 'country', eq: 'FR' });
    expect(filterOf({})).toBeNull();
  });

  it('can leave one dimension out, for that dimension own value picker', () => {
    expect(filterOf({ country: ['FR'], device: ['web'] }, 'country')).toEqual({ dimension: 'device', eq: 'web' });
  });
});

describe('autoGranularity', () => {
  it('draws a readable number of points', () => {
    const days = (n: number) => ({ start: '2024-01-01T00:00:00Z', end: new Date(Date.parse('2024-01-01T00:00:00Z') + n * 86_400_000).toISOString() });
    expect(autoGranularity(days(2))).toBe('HOUR');
    expect(autoGranularity(days(30))).toBe('DAY');
    expect(autoGranularity(days(400))).toBe('WEEK');
    expect(autoGranularity(days(2000))).toBe('MONTH');
    expect(autoGranularity(days(5000))).toBe('YEAR');
  });
});
