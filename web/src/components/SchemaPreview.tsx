import type { DetectedSchema } from '../api/types';

/** The detected columns: name, Druid type, role, and why the detector decided so. */
export function SchemaPreview({ schema }: { schema: DetectedSchema }) {
  const columns = schema.columns ?? [];
  if (columns.length === 0) {
    return <p className="muted">No columns were detected. Is the file empty, or not a supported format?</p>;
  }
  return (
    <table className="table" aria-label="Detected columns">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Role</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => (
          <tr key={column.name}>
            <td>
              <code>{column.name}</code>
            </td>
            <td>
              <span className="badge">{column.type}</span>
            </td>
            <td>
              <span className={`badge badge-role-${column.role.toLowerCase()}`}>{column.role}</span>
            </td>
            <td className="muted">{column.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
