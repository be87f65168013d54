import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi, useToken } from '../api/context';
import { type ApiError, toApiError } from '../api/errors';
import { fieldOf } from '../api/graphql';
import { ErrorNotice } from '../components/ErrorNotice';
import { datasetKey, datasetQuery } from '../dashboard/queries';
import { SignInFirst } from './DashboardPage';
import { DatasetTabs } from './DatasetTabs';

/** `#/datasets/<name>/measures`: the dataset's measures; define and drop named ones. */
export function MeasuresPage({ name }: { name: string }) {
  const api = useApi();
  const token = useToken();
  const queryClient = useQueryClient();
  const dataset = useQuery({ ...datasetQuery(api, name), enabled: Boolean(token) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: datasetKey(name) });
  const drop = useMutation({ mutationFn: (measure: string) => api.dropMeasure(name, measure), onSuccess: refresh });

  if (!token) return <SignInFirst />;
  const columns = dataset.data?.columns.filter((c) => c.role === 'METRIC' || c.role === 'DIMENSION') ?? [];

  return (
    <div className="page">
      <header className="dashboard-header">
        <div>
          <p className="eyebrow">
            <a href="#/datasets">Datasets</a> /
          </p>
          <h1>{name}</h1>
        </div>
      </header>
      <DatasetTabs name={name} current="measures" />
      {dataset.isError && <ErrorNotice title="Could not load the measures" error={dataset.error} onRetry={() => void dataset.refetch()} />}
      {dataset.data === null && <ErrorNotice title={`No dataset named “${name}”`} error={toApiError(new Error('It does not exist, or you may not read it.'))} />}
      {dataset.data && (
        <div className="page-split">
          <section className="card" aria-labelledby="measures-title">
            <h2 id="measures-title">Measures</h2>
            <table className="table" aria-label="Measures">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Formula</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(dataset.data.measures ?? []).map((measure) => (
                  <tr key={measure.name} data-measure={measure.name}>
                    <td>
                      <strong>{measure.name}</strong> {measure.builtIn && <span className="badge">built in</span>}
                    </td>
                    <td>
                      <code>{measure.expression}</code>
                    </td>
                    <td>
                      {!measure.builtIn && (
                        <button
                          type="button"
                          className="button-secondary"
                          disabled={drop.isPending}
                          onClick={() => drop.mutate(measure.name)}
                          aria-label={`Drop ${measure.name}`}
                        >
                          Drop
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {drop.isError && <ErrorNotice title="Could not drop the measure" error={drop.error} />}
          </section>
          <DefineMeasure dataset={name} columns={columns.map((c) => `${c.name} (${c.role.toLowerCase()})`)} onDefined={refresh} />
        </div>
      )}
    </div>
  );
}

function DefineMeasure({ dataset, columns, onDefined }: { dataset: string; columns: string[]; onDefined: () => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [defined, setDefined] = useState<string | null>(null);
  const define = useMutation({
    mutationFn: () => api.defineMeasure(dataset, name.trim(), expression.trim()),
    onSuccess: (measure) => {
      setProblem(null);
      setDefined(measure.name);
      setName('');
      setExpression('');
      onDefined();
    },
    onError: (error) => {
      setDefined(null);
      setProblem(toApiError(error));
    },
  });
  // The server names the field, sometimes a part of it (expression.column): shown at the form's field it is in.
  const named = problem ? fieldOf(problem)?.split('.')[0] : undefined;
  const field = named === 'name' || named === 'expression' ? named : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    define.mutate();
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="define-title" noValidate>
      <h2 id="define-title">Define a measure</h2>
      <div className="field">
        <label htmlFor="measure-name">Name</label>
        <input
          id="measure-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={field === 'name'}
          aria-describedby="measure-name-help"
          autoComplete="off"
          placeholder="e.g. average_price"
        />
        <small id="measure-name-help" className={field === 'name' ? 'field-error' : 'muted'} role={field === 'name' ? 'alert' : undefined}>
          {field === 'name' ? problem?.message : 'Letters, digits and "_"; defining an existing name replaces it.'}
        </small>
      </div>
      <div className="field">
        <label htmlFor="measure-expression">Formula</label>
        <textarea
          id="measure-expression"
          rows={3}
          value={expression}
          onChange={(event) => setExpression(event.target.value)}
          aria-invalid={field === 'expression'}
          aria-describedby="measure-expression-help"
          placeholder="e.g. SUM(revenue) / NULLIF(SUM(quantity), 0)"
        />
        <small
          id="measure-expression-help"
          className={field === 'expression' ? 'field-error' : 'muted'}
          role={field === 'expression' ? 'alert' : undefined}
        >
          {field === 'expression'
            ? problem?.message
            : `COUNT SUM MIN MAX AVG COUNT_DISTINCT of columns, other measures, numbers, + - * /, NULLIF. Columns: ${columns.join(', ')}.`}
        </small>
      </div>
      <div className="actions">
        <button type="submit" disabled={define.isPending || !name.trim() || !expression.trim()}>
          {define.isPending ? 'Saving…' : 'Save measure'}
        </button>
      </div>
      {problem && !field && <ErrorNotice title="Could not define the measure" error={problem} />}
      {defined && (
        <p className="ok" role="status">
          Saved “{defined}”: it is on the dashboard's key figures now.
        </p>
      )}
    </form>
  );
}
