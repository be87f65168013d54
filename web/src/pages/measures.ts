import type { Dataset, MeasureInput } from '../api/types';

export interface LabeledMeasure {
  input: MeasureInput;
  /** The label Strata gives the measure's values: COUNT, SUM(revenue), or a named measure's name. */
  label: string;
}

/**
 * The dashboard's measures for a dataset: COUNT, then SUM of each METRIC column. A measure is either a name or an
 * aggregate of a column, never both (the API refuses a name beside an aggregate), so results are matched back to
 * their cards by the label the API gives them.
 */
export function dashboardMeasures(dataset: Dataset): LabeledMeasure[] {
  const measures: LabeledMeasure[] = [{ input: { aggregate: 'COUNT' }, label: 'COUNT' }];
  for (const column of dataset.columns.filter((c) => c.role === 'METRIC' && c.name !== 'count')) {
    measures.push({ input: { column: column.name, aggregate: 'SUM' }, label: `SUM(${column.name})` });
  }
  return measures;
}
