import type { Dataset, MeasureInput } from '../api/types';

export interface LabeledMeasure {
  input: MeasureInput;
  /** The label Strata gives the measure's values: COUNT, SUM(revenue), or a named measure's name. */
  label: string;
  /** How a person reads it on a card. */
  title: string;
  /** A user-defined measure (as opposed to the defaults every dataset has). */
  defined: boolean;
}

/** The built-in measure that counts rows; see the api module's semantic layer. */
const COUNT_MEASURE = 'count';

/**
 * The dashboard's measures for a dataset: COUNT, SUM of each metric, then the measures users defined. A measure is
 * either a name or an aggregate of a column, never both (the API refuses a name beside an aggregate), and results
 * are matched back to their cards by the label the API gives them.
 *
 * The server's defaults are `count` and, per numeric metric, its sum under the metric's own name: those are asked
 * as the aggregates they stand for, so their labels say what they are (`SUM(revenue)`, not `revenue`).
 */
export function dashboardMeasures(dataset: Dataset): LabeledMeasure[] {
  const measures: LabeledMeasure[] = [count()];
  if (dataset.measures) {
    for (const measure of dataset.measures) {
      if (measure.builtIn && measure.name !== COUNT_MEASURE) measures.push(sum(measure.name));
    }
    for (const measure of dataset.measures) {
      if (!measure.builtIn) {
        measures.push({ input: { name: measure.name }, label: measure.name, title: measure.name, defined: true });
      }
    }
    return measures;
  }
  for (const column of dataset.columns) {
    if (column.role === 'METRIC' && column.name !== COUNT_MEASURE) measures.push(sum(column.name));
  }
  return measures;
}

function count(): LabeledMeasure {
  return { input: { aggregate: 'COUNT' }, label: 'COUNT', title: 'Rows', defined: false };
}

function sum(column: string): LabeledMeasure {
  return { input: { column, aggregate: 'SUM' }, label: `SUM(${column})`, title: `Total ${column}`, defined: false };
}

/** The dimensions of a dataset, in the order Druid lists them. */
export function dimensionsOf(dataset: Dataset): string[] {
  return dataset.columns.filter((c) => c.role === 'DIMENSION').map((c) => c.name);
}
