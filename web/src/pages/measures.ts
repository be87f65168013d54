import type { Dataset, MeasureInput } from '../api/types';

export interface LabeledMeasure {
  input: MeasureInput;
  label: string;
}

/**
 * The dashboard's measures for a dataset: the row count, then COUNT and SUM of each METRIC column.
 * Measure names are derived from column names so results can be matched back to their cards.
 */
export function dashboardMeasures(dataset: Dataset): LabeledMeasure[] {
  const measures: LabeledMeasure[] = [{ input: { name: 'rows', aggregate: 'COUNT' }, label: 'Rows' }];
  for (const column of dataset.columns.filter((c) => c.role === 'METRIC')) {
    measures.push(
      { input: { name: `count_${column.name}`, column: column.name, aggregate: 'COUNT' }, label: `Count of ${column.name}` },
      { input: { name: `sum_${column.name}`, column: column.name, aggregate: 'SUM' }, label: `Sum of ${column.name}` },
    );
  }
  return measures;
}
