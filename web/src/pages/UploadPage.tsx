import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { type FollowMode, followTask } from '../api/taskFollower';
import type { IngestionTaskUpdate, SchemaPreview as Preview, UploadAccepted, UploadMode } from '../api/types';
import { DropZone } from '../components/DropZone';
import { ErrorNotice } from '../components/ErrorNotice';
import { SchemaPreview } from '../components/SchemaPreview';
import { TaskTimeline } from '../components/TaskTimeline';
import { type StatusChange, recordUpdate } from '../components/timeline';
import { ValidationReportView } from '../components/ValidationReportView';
import { datasetNameProblem } from '../validation/datasetName';

type Step<T> = { status: 'idle' } | { status: 'busy' } | { status: 'done'; data: T } | { status: 'error'; error: unknown };

const ACCEPT = '.csv,.tsv,.json,.jsonl,.ndjson,.parquet,.xlsx,.gz';

/** Name a dataset, preview what the server detects in the file, upload it and follow ingestion. */
export function UploadPage() {
  const api = useApi();
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [mode, setMode] = useState<UploadMode>('create');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Step<Preview>>({ status: 'idle' });
  const [upload, setUpload] = useState<Step<UploadAccepted>>({ status: 'idle' });
  const previewRun = useRef(0);

  const nameProblem = datasetNameProblem(name);
  const canUpload = nameProblem === null && file !== null && upload.status !== 'busy';

  const runPreview = async (chosen: File) => {
    const run = ++previewRun.current;
    setPreview({ status: 'busy' });
    try {
      const data = await api.detectSchema(chosen);
      if (run === previewRun.current) setPreview({ status: 'done', data });
    } catch (error) {
      if (run === previewRun.current) setPreview({ status: 'error', error });
    }
  };

  const chooseFile = (chosen: File) => {
    setFile(chosen);
    setUpload({ status: 'idle' });
    if (!name) setName(suggestName(chosen.name));
    void runPreview(chosen);
  };

  const submit = async () => {
    setNameTouched(true);
    if (!canUpload || !file) return;
    setUpload({ status: 'busy' });
    try {
      setUpload({ status: 'done', data: await api.upload(name, file, mode) });
    } catch (error) {
      setUpload({ status: 'error', error });
    }
  };

  const startOver = () => {
    previewRun.current += 1;
    setFile(null);
    setName('');
    setNameTouched(false);
    setPreview({ status: 'idle' });
    setUpload({ status: 'idle' });
  };

  return (
    <div className="page">
      <h1>Data ingestion</h1>
      <form
        aria-label="Upload a file"
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="dataset-name">Dataset name</label>
          <input
            id="dataset-name"
            value={name}
            onChange={(event) => setName(event.target.value.trim())}
            onBlur={() => setNameTouched(true)}
            aria-invalid={nameTouched && nameProblem !== null}
            aria-describedby="dataset-name-help"
            placeholder="e.g. sales_2024"
            autoComplete="off"
          />
          <small id="dataset-name-help" className={nameTouched && nameProblem ? 'field-error' : 'muted'}>
            {nameTouched && nameProblem ? nameProblem : 'Letters, digits, "_" and "-"; starts with a letter.'}
          </small>
        </div>
        <div className="field">
          <label htmlFor="upload-mode">If the dataset exists</label>
          <select id="upload-mode" value={mode} onChange={(event) => setMode(event.target.value as UploadMode)}>
            <option value="create">Refuse (create a new dataset)</option>
            <option value="append">Append the rows</option>
            <option value="replace">Replace its data</option>
          </select>
        </div>
        <DropZone file={file} onFile={chooseFile} accept={ACCEPT} disabled={upload.status === 'busy'} />
        <div className="actions">
          <button type="submit" disabled={!canUpload}>
            {upload.status === 'busy' ? 'Uploading…' : 'Upload'}
          </button>
          {(file || upload.status !== 'idle') && (
            <button type="button" className="button-secondary" onClick={startOver}>
              Start over
            </button>
          )}
        </div>
        {upload.status === 'error' && <ErrorNotice title="Upload failed" error={upload.error} onRetry={() => void submit()} />}
      </form>

      {upload.status === 'done' && <IngestionProgress accepted={upload.data} />}

      {preview.status !== 'idle' && (
        <section className="card">
          <h2>Preview</h2>
          {preview.status === 'busy' && <p className="muted">Detecting the schema…</p>}
          {preview.status === 'error' && (
            <ErrorNotice
              title="Could not preview this file"
              error={preview.error}
              onRetry={file ? () => void runPreview(file) : undefined}
            />
          )}
          {preview.status === 'done' && (
            <>
              <SchemaPreview schema={preview.data.schema} />
              <h3>Validation</h3>
              <ValidationReportView report={preview.data.report} />
              <details>
                <summary>Druid ingestion spec</summary>
                <pre>{JSON.stringify(preview.data.spec, null, 2)}</pre>
              </details>
            </>
          )}
        </section>
      )}
    </div>
  );
}

function IngestionProgress({ accepted }: { accepted: UploadAccepted }) {
  const api = useApi();
  const [history, setHistory] = useState<StatusChange[]>([]);
  const [latest, setLatest] = useState<IngestionTaskUpdate>();
  const [mode, setMode] = useState<FollowMode>();
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    setHistory([]);
    setProblem(null);
    return followTask(api, accepted.taskId, {
      update: (task) => {
        setLatest(task);
        setHistory((previous) => recordUpdate(previous, task, new Date()));
      },
      mode: (next) => setMode(next),
      error: (error) => setProblem(error),
    });
  }, [api, accepted.taskId]);

  return (
    <section className="card">
      <h2>Ingestion of {accepted.dataset}</h2>
      <TaskTimeline taskId={accepted.taskId} history={history} latest={latest} mode={mode} />
      <ErrorNotice title="Lost track of the task" error={problem} />
      {latest?.status === 'SUCCEEDED' && (
        <p>
          <a href={`#/datasets/${encodeURIComponent(accepted.dataset)}`}>Explore {accepted.dataset} →</a>
        </p>
      )}
    </section>
  );
}

/** A valid dataset name from a file name: "2024 sales.csv" becomes "d2024_sales". */
export function suggestName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*(\.gz)?$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  if (!base) return '';
  return /^[A-Za-z]/.test(base) ? base : `d${base}`;
}
