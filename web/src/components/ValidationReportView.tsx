import type { ValidationIssue, ValidationReport } from '../api/types';

/** Row counts and the issues found while validating the file. */
export function ValidationReportView({ report }: { report: ValidationReport }) {
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  const counts: [string, number | undefined][] = [
    ['Rows read', report.rowsRead],
    ['Valid', report.rowsValid],
    ['Rejected', report.rowsRejected],
  ];
  const clean = errors.length === 0 && warnings.length === 0;
  return (
    <section className="report" aria-label="Validation report">
      <dl className="report-counts">
        {counts
          .filter(([, value]) => value !== undefined)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value?.toLocaleString()}</dd>
            </div>
          ))}
      </dl>
      {clean && <p className="ok">No problems found.</p>}
      <IssueList title="Errors" className="issue-error" issues={errors} />
      <IssueList title="Warnings" className="issue-warning" issues={warnings} />
      <details>
        <summary>Full report</summary>
        <pre>{JSON.stringify(report, null, 2)}</pre>
      </details>
    </section>
  );
}

function IssueList({ title, className, issues }: { title: string; className: string; issues: ValidationIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className={className}>
      <h4>
        {title} ({issues.length})
      </h4>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>
            {where(issue) && <span className="issue-where">{where(issue)}: </span>}
            {issue.message}
            {issue.value !== undefined && (
              <>
                {' '}
                (value <code>{issue.value}</code>)
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function where(issue: ValidationIssue): string {
  const parts = [];
  if (issue.row !== undefined) parts.push(`row ${issue.row}`);
  if (issue.column !== undefined) parts.push(`column ${issue.column}`);
  return parts.join(', ');
}
