import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi, useToken } from '../api/context';
import { AUDIT_ACTIONS, type AuditAction, type Permission, type PrincipalKind } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatWhen } from '../components/format';
import { SignInFirst } from './DashboardPage';

/** `#/access`, for admins: who may use a dataset and which of its rows; the audit log. */
export function AccessPage() {
  const api = useApi();
  const token = useToken();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), enabled: Boolean(token) });
  const datasets = useQuery({ queryKey: ['datasets'], queryFn: () => api.datasets(), enabled: Boolean(token) });
  const [dataset, setDataset] = useState('');

  if (!token) return <SignInFirst />;
  if (me.isError) return <ErrorNotice title="Could not read who you are" error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data && !me.data.roles.includes('admin')) {
    return (
      <div className="card empty-dataset">
        <h2>Access is for admins</h2>
        <p>
          You are signed in as <code>{me.data.subject}</code> ({me.data.roles.join(', ')}). Sign in with an admin
          client to manage grants, row policies and the audit log.
        </p>
      </div>
    );
  }
  const names = datasets.data?.map((d) => d.name) ?? [];
  const chosen = dataset || names[0] || '';

  return (
    <div className="page">
      <header className="page-header">
        <h1>Access</h1>
        <label className="inline-field">
          Dataset
          <input list="access-datasets" value={chosen} onChange={(event) => setDataset(event.target.value.trim())} size={28} />
          <datalist id="access-datasets">
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
      </header>
      {chosen ? <DatasetRules dataset={chosen} /> : <p className="muted">Name a dataset (grants may precede its first upload).</p>}
      <AuditLog />
    </div>
  );
}

function DatasetRules({ dataset }: { dataset: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = ['access', dataset];
  const rules = useQuery({ queryKey: key, queryFn: () => api.datasetAccess(dataset) });
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
  const revoke = useMutation({
    mutationFn: (principal: { kind: PrincipalKind; name: string }) => api.revokeDatasetAccess(dataset, principal),
    onSuccess: changed,
  });
  const dropPolicy = useMutation({ mutationFn: (name: string) => api.dropRowPolicy(dataset, name), onSuccess: changed });

  return (
    <div className="page-split page-split-even">
      <section className="card" aria-labelledby="grants-title" data-panel="grants">
        <h2 id="grants-title">Grants of {dataset}</h2>
        {rules.isError && <ErrorNotice title="Could not read the access rules" error={rules.error} onRetry={() => void rules.refetch()} />}
        {rules.data && (
          <>
            <p className="muted">
              {rules.data.restricted
                ? 'Restricted: only the principals below (and admins) may use it.'
                : 'Open: every role-holder may use it (viewers read, analysts write). The first grant restricts it.'}
            </p>
            {rules.data.grants.length > 0 && (
              <table className="table" aria-label={`Grants of ${dataset}`}>
                <thead>
                  <tr>
                    <th scope="col">Principal</th>
                    <th scope="col">Permission</th>
                    <th scope="col">Granted</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rules.data.grants.map((grant) => (
                    <tr key={`${grant.kind}:${grant.principal}`}>
                      <td>
                        <span className="badge">{grant.kind}</span> {grant.principal}
                      </td>
                      <td>{grant.permission}</td>
                      <td className="muted small">
                        {grant.grantedBy}, {formatWhen(grant.grantedAt)}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button-secondary button-small"
                          onClick={() => revoke.mutate({ kind: grant.kind, name: grant.principal })}
                          aria-label={`Revoke ${grant.kind.toLowerCase()} ${grant.principal}`}
                        >
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
        {revoke.isError && <ErrorNotice title="Could not revoke" error={revoke.error} />}
        <GrantForm dataset={dataset} onDone={changed} />
      </section>
      <section className="card" aria-labelledby="policies-title" data-panel="row-policies">
        <h2 id="policies-title">Row policies of {dataset}</h2>
        <p className="muted">Non-admins see only the rows whose column holds one of their token claim's values.</p>
        {rules.data && rules.data.rowPolicies.length > 0 && (
          <table className="table" aria-label={`Row policies of ${dataset}`}>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Column = claim</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.data.rowPolicies.map((policy) => (
                <tr key={policy.name}>
                  <td>{policy.name}</td>
                  <td>
                    <code>{policy.column}</code> ∈ <code>{policy.claim}</code>
                  </td>
                  <td>
                    <button type="button" className="button-secondary button-small" onClick={() => dropPolicy.mutate(policy.name)} aria-label={`Drop policy ${policy.name}`}>
                      Drop
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {dropPolicy.isError && <ErrorNotice title="Could not drop the policy" error={dropPolicy.error} />}
        <PolicyForm dataset={dataset} onDone={changed} />
      </section>
    </div>
  );
}

function GrantForm({ dataset, onDone }: { dataset: string; onDone: () => void }) {
  const api = useApi();
  const [kind, setKind] = useState<PrincipalKind>('GROUP');
  const [name, setName] = useState('');
  const [permission, setPermission] = useState<Permission>('READ');
  const grant = useMutation({
    mutationFn: () => api.grantDatasetAccess(dataset, { kind, name: name.trim() }, permission),
    onSuccess: () => {
      setName('');
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  return (
    <form className="form-inline" onSubmit={submit} aria-label="Grant access">
      <label className="inline-field">
        Kind
        <select value={kind} onChange={(event) => setKind(event.target.value as PrincipalKind)}>
          <option value="ROLE">role</option>
          <option value="GROUP">group</option>
          <option value="USER">user</option>
        </select>
      </label>
      <label className="inline-field">
        Principal
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. emea" size={12} />
      </label>
      <label className="inline-field">
        Permission
        <select value={permission} onChange={(event) => setPermission(event.target.value as Permission)}>
          <option value="READ">read</option>
          <option value="WRITE">write</option>
        </select>
      </label>
      <button type="submit" disabled={!name.trim() || grant.isPending}>
        Grant
      </button>
      {grant.isError && <ErrorNotice title="Could not grant" error={grant.error} />}
    </form>
  );
}

function PolicyForm({ dataset, onDone }: { dataset: string; onDone: () => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [column, setColumn] = useState('');
  const [claim, setClaim] = useState('');
  const set = useMutation({
    mutationFn: () => api.setRowPolicy(dataset, name.trim(), column.trim(), claim.trim()),
    onSuccess: () => {
      setName('');
      setColumn('');
      setClaim('');
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate();
  };
  return (
    <form className="form-inline" onSubmit={submit} aria-label="Set a row policy">
      <label className="inline-field">
        Policy
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="by_country" size={10} />
      </label>
      <label className="inline-field">
        Column
        <input value={column} onChange={(event) => setColumn(event.target.value)} placeholder="country" size={10} />
      </label>
      <label className="inline-field">
        Claim
        <input value={claim} onChange={(event) => setClaim(event.target.value)} placeholder="countries" size={10} />
      </label>
      <button type="submit" disabled={!name.trim() || !column.trim() || !claim.trim() || set.isPending}>
        Set policy
      </button>
      {set.isError && <ErrorNotice title="Could not set the policy" error={set.error} />}
    </form>
  );
}

function AuditLog() {
  const api = useApi();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [subject, setSubject] = useState('');
  const [dataset, setDataset] = useState('');
  const filters = { actions: action ? [action] : undefined, subject: subject.trim(), dataset: dataset.trim() };
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.auditLog({ ...filters, first: 25, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card" aria-labelledby="audit-title" data-panel="audit">
      <header className="panel-header">
        <h2 id="audit-title">Audit log</h2>
        <div className="panel-tools">
          <label className="inline-field">
            Action
            <select value={action} onChange={(event) => setAction(event.target.value as AuditAction | '')}>
              <option value="">any</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            Subject
            <input value={subject} onChange={(event) => setSubject(event.target.value)} size={12} />
          </label>
          <label className="inline-field">
            Dataset
            <input value={dataset} onChange={(event) => setDataset(event.target.value)} size={12} />
          </label>
        </div>
      </header>
      {log.isError && <ErrorNotice title="Could not read the audit log" error={log.error} onRetry={() => void log.refetch()} />}
      {log.isSuccess && entries.length === 0 && <p className="muted empty">No entries match.</p>}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table className="table table-compact" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Dataset</th>
                <th scope="col">Target</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td>{formatWhen(entry.at)}</td>
                  <td>{entry.subject}</td>
                  <td>{entry.action}</td>
                  <td>{entry.dataset ?? '—'}</td>
                  <td className="cell-clip">{entry.target ?? '—'}</td>
                  <td>
                    <span className={`badge badge-outcome-${entry.outcome.toLowerCase()}`}>{entry.outcome}</span>
                  </td>
                  <td className="cell-clip">{entry.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <button type="button" className="button-secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
        </button>
      )}
    </section>
  );
}
