import type { RowProblem, ValidationReport } from '../api/types';

/** Row counts, the verdict against the error budget, and the rows the validator rejected. */
export function ValidationReportView({ report }: { report: ValidationReport }) {
  const problems = report.problems ?? [];
  const counts: [string, number][] = [
    ['Rows', report.rows],
    ['Bad rows', report.badRows],
  ];
  return (
    <section className="report" aria-label="Validation report">
      <dl className="report-counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <p className={report.withinBudget ? 'ok' : 'issue-error'}>{report.verdict}</p>
      <ProblemList problems={problems} />
      <details>
        <summary>Full report</summary>
        <pre>{JSON.stringify(report, null, 2)}</pre>
      </details>
    </section>
  );
}

function ProblemList({ problems }: { problems: RowProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="issue-error">
      <h4>Problems ({problems.length})</h4>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>
            <span className="issue-where">{where(problem)}: </span>
            {problem.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

function where(problem: RowProblem): string {
  return problem.column ? `row ${problem.row}, column ${problem.column}` : `row ${problem.row}`;
}
