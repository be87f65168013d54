import { describe, expect, it } from 'vitest';
import { datasetNameProblem, isValidDatasetName } from './datasetName';

describe('dataset name validation', () => {
  it.each(['sales', 'Sales2024', 'a', 'web_events', 'web-events', 'x_1-2'])('accepts %s', (name) => {
    expect(datasetNameProblem(name)).toBeNull();
    expect(isValidDatasetName(name)).toBe(true);
  });

  it('asks for a name when empty', () => {
    expect(datasetNameProblem('')).toBe('Enter a dataset name.');
  });

  it.each([
    ['1sales', '"1"'],
    ['_sales', '"_"'],
    ['-sales', '"-"'],
    [' sales', '" "'],
  ])('rejects %s because it does not start with a letter', (name, shown) => {
    expect(datasetNameProblem(name)).toBe(`Dataset names start with a letter, not ${shown}.`);
  });

  it.each([
    ['sales.2024', '"."'],
    ['sales 2024', 'a space'],
    ['sales/2024', '"/"'],
    ['ventes_été', '"é"'],
    ['drop;table', '";"'],
  ])('rejects %s and names the character to remove', (name, shown) => {
    expect(datasetNameProblem(name)).toBe(
      `Dataset names may contain only letters, digits, "_" and "-"; remove ${shown}.`,
    );
    expect(isValidDatasetName(name)).toBe(false);
  });
});
