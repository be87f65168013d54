import { describe, expect, it } from 'vitest';
import { parseRoute } from './App';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'upload' }],
    ['#/upload', { page: 'upload' }],
    ['#/datasets', { page: 'datasets' }],
    ['#/datasets/web-events', { page: 'datasets', dataset: 'web-events' }],
    ['#/datasets/a%20b', { page: 'datasets', dataset: 'a b' }],
    ['#/elsewhere', { page: 'upload' }],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
