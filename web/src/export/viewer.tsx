import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { type Snapshot, SNAPSHOT_ELEMENT } from './snapshot';
import { SnapshotView } from './SnapshotView';

// The script of an exported dashboard file: it draws the snapshot embedded beside it, with no network.
const data = document.getElementById(SNAPSHOT_ELEMENT)?.textContent;
const root = document.getElementById('root');
if (!data || !root) throw new Error(`An exported file needs <div id="root"> and <script id="${SNAPSHOT_ELEMENT}">`);

createRoot(root).render(
  <StrictMode>
    <SnapshotView snapshot={JSON.parse(data) as Snapshot} />
  </StrictMode>,
);
