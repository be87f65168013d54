import { describe, expect, it } from 'vitest';
import { parseRoute } from './App';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'datasets' }],
    ['#/upload', { page: 'upload' }],
    ['#/upload?dataset=sales', { page: 'upload', dataset: 'sales' }],
    ['#/datasets', { page: 'datasets' }],
    ['#/datasets/web-events', { page: 'dashboard', dataset: 'web-events', query: '' }],
    ['#/datasets/a%20b?f.country=FR&from=2024-01-01', { page: 'dashboard', dataset: 'a b', query: 'f.country=FR&from=2024-01-01' }],
    ['#/datasets/sales/measures', { page: 'measures', dataset: 'sales' }],
    ['#/access', { page: 'access' }],
    ['#/elsewhere', { page: 'datasets' }],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
