import type { Granularity, OrderBy, TableRow, TimeseriesPoint, TopNEntry } from '../api/types';
import type { TableColumn } from '../components/DataTable';
import type { KpiCard } from '../components/KpiCards';

/** A dashboard view as data: what the exported file embeds and draws, with no server. */
export interface Snapshot {
  version: 1;
  dataset: string;
  generatedAt: string;
  /** The address of the view in Strata. */
  link: string;
  /** The view's choices, in words: "Time range: …", "country: FR, DE". */
  choices: string[];
  kpis: { cards: KpiCard[]; comparedWith: string };
  timeseries: { measure: string; title: string; granularity: Granularity; points: TimeseriesPoint[] };
  topN: { dimension: string; title: string; selected: string[]; entries: TopNEntry[] }[];
  table: { columns: TableColumn[]; rows: TableRow[]; sort: OrderBy; caption: string; more: boolean };
}

export const SNAPSHOT_ELEMENT = 'strata-snapshot';

/** JSON that can sit inside a <script> element: no "<" can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script's text that can sit inside a <script> element. */
export function scriptForInline(script: string): string {
  return script.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One HTML file: the viewer's style and script inline, the snapshot as JSON. Opens with no network at all. */
export function exportDocument(snapshot: Snapshot, viewer: { script: string; style: string }): string {
  const title = `${snapshot.dataset} · Strata export ${snapshot.generatedAt.slice(0, 10)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Strata">
<title>${escapeHtml(title)}</title>
<style>${viewer.style.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="root"></div>
<script type="application/json" id="${SNAPSHOT_ELEMENT}">${jsonForScript(snapshot)}</script>
<script>${scriptForInline(viewer.script)}</script>
</body>
</html>
`;
}

/** The viewer's built files, served beside the app (see vite.export.config.ts). */
export async function fetchViewer(base: string = document.baseURI): Promise<{ script: string; style: string }> {
  const text = async (file: string) => {
    const response = await fetch(new URL(file, base));
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status} (is the web app built? npm run build)`);
    return response.text();
  };
  const [script, style] = await Promise.all([text('export-viewer.js'), text('export-viewer.css')]);
  return { script, style };
}
