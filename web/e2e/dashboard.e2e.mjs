#!/usr/bin/env node
// The dashboard end to end, in Chromium, against a running Strata on its real stack (DashboardBrowserIT runs it
// from ./mvnw verify). Every expected figure is computed here from the uploaded files themselves (lib/sales.mjs).
//
//   node e2e/dashboard.e2e.mjs --base-url http://localhost:8080 --first a.csv --second b.csv \
//       [--dataset name] [--screenshots target/screenshots] [--report target/e2e/report.json]
//
// Exits 0 when every check passed; writes a JSON report of the checks, the expected totals, the accessibility
// findings and the screenshots (taken on every run, also of a failure).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { accessibilityProblems, expectShown, launch, newContext, ready, Screenshots } from './lib/browser.mjs';
import { countsBy, countsPerBucket, measures, previousPeriod, readSales, slice, tableRows } from './lib/sales.mjs';

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    first: { type: 'string' },
    second: { type: 'string' },
    dataset: { type: 'string', default: `web_sales_${Date.now().toString(36)}` },
    screenshots: { type: 'string', default: 'target/screenshots' },
    report: { type: 'string', default: 'target/e2e/report.json' },
  },
});
for (const required of ['base-url', 'first', 'second']) {
  if (!options[required]) throw new Error(`--${required} is required (see the head of ${import.meta.url})`);
}
const base = options['base-url'].replace(/\/$/, '');
const dataset = options.dataset;
const first = readSales(options.first);
const second = readSales(options.second);
const both = [...first, ...second];
const shots = new Screenshots(resolve(options.screenshots));
const report = { dataset, baseUrl: base, checks: [], accessibility: {}, screenshots: shots.taken, expected: {} };
report.expected.first = measures(first);
report.expected.both = measures(both);

const DIMENSIONS = ['device', 'country'];
const FILTER = { filters: { country: ['FR', 'DE'] }, from: '2024-03-02', to: '2024-03-05' };
const MEASURE_NAME = 'avg_price';

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    report.checks.push({ name, ok: true, ms: Date.now() - started });
  } catch (error) {
    report.checks.push({ name, ok: false, ms: Date.now() - started, error: error.message });
    throw error;
  }
}

async function accessible(page, name) {
  const problems = await accessibilityProblems(page);
  report.accessibility[name] = problems;
  if (problems.length > 0) throw new Error(`axe on ${name}: ${JSON.stringify(problems, null, 1)}`);
}

const dashboardUrl = (query = '') => `${base}/#/datasets/${encodeURIComponent(dataset)}${query ? `?${query}` : ''}`;

async function signIn(page) {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

/** Uploads a file through the Ingestion page and follows its task until SUCCEEDED, live; answers the task id. */
async function uploadThroughPage(page, file, mode) {
  await page.getByRole('link', { name: 'Ingestion', exact: true }).click();
  const startOver = page.getByRole('button', { name: 'Start over' });
  if (await startOver.isVisible()) await startOver.click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByLabel('Dataset name').fill(dataset);
  await page.getByLabel('If the dataset exists').selectOption(mode);
  await page.getByRole('table', { name: 'Detected columns' }).waitFor();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  const timeline = page.getByRole('region', { name: 'Ingestion task status' });
  await timeline.locator('.badge-live').waitFor();
  await timeline.locator('[data-status="SUCCEEDED"][data-state="done"]').waitFor({ timeout: 180_000 });
  const taskId = (await timeline.locator('.timeline-header code').textContent()).trim();
  // The task list, fed by the ingestionTasks subscription, shows it finished with Druid's row count.
  const item = page.locator(`[data-task-id="${taskId}"]`);
  await item.and(page.locator('[data-status="SUCCEEDED"]')).waitFor({ timeout: 30_000 });
  return { taskId, item };
}

async function main() {
  const browser = await launch();
  const a = await newContext(browser);
  const page = await a.newPage();
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  try {
    await check('signs in on / and sees the datasets overview', async () => {
      await page.goto(`${base}/`);
      await signIn(page);
      await page.getByRole('heading', { name: 'Datasets', level: 1 }).waitFor();
    });

    await check('uploads the first file through the page and sees its task reach SUCCEEDED live', async () => {
      const { item } = await uploadThroughPage(page, options.first, 'create');
      const processed = Number((await item.locator('[data-count="processed"]').textContent()).replace(/\D/g, ''));
      if (processed !== first.length) throw new Error(`the task list says ${processed} rows ingested, the file has ${first.length}`);
      await page.locator('[data-panel="tasks"] [data-live="live"]').waitFor();
      await shots.take(page, '02-ingestion');
      await accessible(page, 'ingestion');
    });

    await check('lists the dataset in the overview with its rows', async () => {
      await page.getByRole('link', { name: 'Datasets', exact: true }).click();
      const row = page.locator(`tr[data-dataset="${dataset}"]`);
      await row.and(page.locator(`[data-rows="${first.length}"]`)).waitFor();
      await shots.take(page, '01-datasets');
      await accessible(page, 'datasets');
      await row.getByRole('link', { name: dataset }).click();
    });

    await check("shows the file's own totals in the KPI cards, live", async () => {
      await page.waitForURL(/#\/datasets\//);
      await expectShown(page, 'KPI cards', 'kpis', null, measures(first));
      await page.locator('[data-panel="kpis"] [data-live="live"]').waitFor();
    });

    await check('draws the rows per day, and the top countries and devices, from the same rows', async () => {
      await expectShown(page, 'time series (rows per day)', 'series', null, countsPerBucket(first, 'DAY'));
      for (const dimension of DIMENSIONS) {
        await expectShown(page, `top ${dimension}`, 'top', dimension, countsBy(first, dimension));
      }
      await ready(page, 'table');
      await shots.take(page, '03-dashboard');
      await accessible(page, 'dashboard');
    });

    await check('pages through the table by its cursors and sorts it by a header', async () => {
      const expected = tableRows(first, DIMENSIONS);
      const seen = [];
      for (let pageNumber = 1; ; pageNumber++) {
        await page.locator(`[data-panel="table"][data-state="ready"] [data-page="${pageNumber}"]`).waitFor();
        const rows = await page.evaluate(() => window.__e2e.table());
        const counts = rows.map((r) => r.COUNT);
        if (counts.some((c, i) => i > 0 && c > counts[i - 1])) throw new Error(`page ${pageNumber} is not sorted by COUNT: ${counts}`);
        if (seen.length > 0 && rows[0].COUNT > seen.at(-1).COUNT) throw new Error(`page ${pageNumber} starts above the previous page's last row`);
        seen.push(...rows);
        const next = page.getByRole('button', { name: 'Next page' });
        if (await next.isDisabled()) break;
        await next.click();
        if (pageNumber > 20) throw new Error('more pages than the data has');
      }
      if (seen.length <= 10) throw new Error(`expected more than one page of 10 rows, saw ${seen.length} rows`);
      const sorted = (rows) => [...rows].sort((x, y) => `${x.device}|${x.country}`.localeCompare(`${y.device}|${y.country}`));
      const same = await page.evaluate(([s, e]) => window.__e2e.same(s, e), [sorted(seen), sorted(expected)]);
      if (!same) throw new Error(`the pages hold ${JSON.stringify(sorted(seen))}, the file's combinations are ${JSON.stringify(sorted(expected))}`);
      await shots.take(page, '04-table-last-page');
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.locator('[data-panel="table"][data-state="ready"] [data-page="1"]').waitFor();

      await page.getByRole('button', { name: /Total revenue/ }).click();
      await page.locator('[data-panel="table"][data-state="ready"] th[aria-sort="descending"]', { hasText: 'Total revenue' }).waitFor();
      const revenue = (await page.evaluate(() => window.__e2e.table())).map((r) => r['SUM(revenue)']);
      const top = [...expected].map((r) => r['SUM(revenue)']).sort((x, y) => y - x).slice(0, revenue.length);
      if (!(await page.evaluate(([s, e]) => window.__e2e.same(s, e), [revenue, top]))) {
        throw new Error(`sorted by revenue the table shows ${revenue}, expected ${top}`);
      }
    });

    await check('reaches a filter by keyboard and chooses a value with the arrow keys', async () => {
      await page.goto(dashboardUrl());
      await page.locator('[data-panel="kpis"][data-state="ready"]').waitFor();
      const picker = page.getByLabel('device', { exact: true });
      for (let presses = 0; presses < 80 && !(await picker.evaluate((e) => e === document.activeElement)); presses++) {
        await page.keyboard.press('Tab');
      }
      if (!(await picker.evaluate((e) => e === document.activeElement))) throw new Error('Tab never reached the device filter');
      await page.keyboard.press('ArrowDown');
      await page.waitForURL(/f\.device=/);
      const chosen = decodeURIComponent(/f\.device=([^&]+)/.exec(page.url())[1]);
      await expectShown(page, 'KPI cards filtered by keyboard', 'kpis', null, measures(slice(first, { filters: { device: [chosen] } })));
    });

    await check('applies a dimension filter and a time range to every panel', async () => {
      await page.goto(dashboardUrl());
      await page.locator('[data-panel="kpis"][data-state="ready"]').waitFor();
      await page.getByLabel('country', { exact: true }).selectOption(FILTER.filters.country);
      await page.getByLabel('From', { exact: true }).fill(FILTER.from);
      await page.getByLabel('To (included)', { exact: true }).fill(FILTER.to);
      await page.waitForURL((url) => url.hash.includes(`to=${FILTER.to}`) && url.hash.includes('f.country=DE'));
      const rows = slice(first, FILTER);
      await expectShown(page, 'filtered KPI cards', 'kpis', null, measures(rows));
      await expectShown(page, 'the previous period compared', 'previous', null, measures(slice(first, { ...FILTER, ...previousPeriod(FILTER.from, FILTER.to) })));
      await expectShown(page, 'filtered rows per day', 'series', null, countsPerBucket(rows, 'DAY'));
      for (const dimension of DIMENSIONS) await expectShown(page, `filtered top ${dimension}`, 'top', dimension, countsBy(rows, dimension));
      // The KPI cards show the filtered figures, so the table's current question is the filtered one too.
      await ready(page, 'table');
      assertSameRows(await page.evaluate(() => window.__e2e.table()), tableRows(rows, DIMENSIONS), 'filtered table');
    });

    await check('switches the time series to weeks split by device', async () => {
      await page.getByLabel('Split by').selectOption('device');
      await page.getByLabel('Granularity').selectOption('WEEK');
      await expectShown(page, 'rows per week and device', 'series', null, countsPerBucket(slice(first, FILTER), 'WEEK', 'device'));
      await ready(page, 'table');
      await shots.take(page, '05-dashboard-filtered');
      await accessible(page, 'dashboard (filtered)');
    });

    await check('shows empty states for a range without rows', async () => {
      await page.goto(dashboardUrl('from=2024-02-01&to=2024-02-03'));
      await expectShown(page, 'KPI cards over no rows', 'kpis', null, { COUNT: 0, 'SUM(quantity)': null, 'SUM(revenue)': null });
      await page.getByText('No rows in this period.').waitFor();
      await page.getByText('No rows match these filters.').waitFor();
    });

    await check('defines a named measure, shows a server error at its field, and adds the measure to the cards', async () => {
      await page.goto(`${base}/#/datasets/${encodeURIComponent(dataset)}/measures`);
      await page.getByLabel('Name', { exact: true }).fill(MEASURE_NAME);
      await page.getByLabel('Formula').fill('SUM(revenu)');
      await page.getByRole('button', { name: 'Save measure' }).click();
      const formula = page.getByLabel('Formula');
      await page.locator('#measure-expression-help[role="alert"]').waitFor();
      if ((await formula.getAttribute('aria-invalid')) !== 'true') throw new Error('the formula field is not marked invalid');
      await shots.take(page, '06-measures-error');
      await accessible(page, 'measures');
      await formula.fill('SUM(revenue) / NULLIF(SUM(quantity), 0)');
      await page.getByRole('button', { name: 'Save measure' }).click();
      await page.locator(`tr[data-measure="${MEASURE_NAME}"]`).waitFor();
      await page.getByRole('link', { name: 'Dashboard' }).click();
      const totals = measures(first);
      await expectShown(page, 'KPI cards with the named measure', 'kpis', null, {
        ...totals,
        [MEASURE_NAME]: totals['SUM(revenue)'] / totals['SUM(quantity)'],
      });
    });

    const b = await newContext(browser);
    const other = await b.newPage();
    await check('opens the filtered link in a second browser: the address reproduces the view', async () => {
      await other.goto(dashboardUrl(`f.country=FR&f.country=DE&from=${FILTER.from}&to=${FILTER.to}`));
      await signIn(other);
      await expectShown(other, 'KPI cards from the link', 'kpis', null, withMeasure(measures(slice(first, FILTER))));
    });

    await check('sees the live KPIs of the second browser change after a second upload', async () => {
      await other.goto(dashboardUrl());
      await expectShown(other, 'KPI cards before the second upload', 'kpis', null, withMeasure(measures(first)));
      await other.locator('[data-panel="kpis"] [data-live="live"]').waitFor();
      await uploadThroughPage(page, options.second, 'append');
      await expectShown(other, 'live KPI cards after the second upload', 'kpis', null, withMeasure(measures(both)), 60_000);
      // The other panels refresh by themselves too, told by the ingestionTasks subscription.
      await other.locator('[data-refreshed]').waitFor();
      await expectShown(other, 'top countries after the second upload', 'top', 'country', countsBy(both, 'country'));
      await shots.take(other, '07-live-second-browser');
    });

    await check('exports the filtered dashboard to one HTML file that works offline', async () => {
      await page.goto(dashboardUrl(`f.country=FR&f.country=DE&from=${FILTER.from}&to=${FILTER.to}&split=device&g=WEEK`));
      const rows = slice(both, FILTER);
      await expectShown(page, 'KPI cards before the export', 'kpis', null, withMeasure(measures(rows)));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HTML' }).click()]);
      const file = resolve(dirname(resolve(options.report)), `${dataset}.html`);
      await download.saveAs(file);

      const c = await newContext(browser, { offline: true });
      const requests = [];
      await c.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const offline = await c.newPage();
      const errors = [];
      offline.on('pageerror', (error) => errors.push(error.message));
      await offline.goto(pathToFileURL(file).href);
      await expectShown(offline, 'exported KPI cards', 'kpis', null, withMeasure(measures(rows)));
      await expectShown(offline, 'exported time series', 'series', null, countsPerBucket(rows, 'WEEK', 'device'));
      await expectShown(offline, 'exported top countries', 'top', 'country', countsBy(rows, 'country'));
      const charts = await offline.locator('[data-chart="echarts"] svg path').count();
      if (charts < 3) throw new Error(`the exported charts drew ${charts} paths`);
      if (requests.length > 0) throw new Error(`the exported file asked the network for ${requests}`);
      if (errors.length > 0) throw new Error(`the exported file failed: ${errors}`);
      await shots.take(offline, '08-export-offline');
      await accessible(offline, 'export');
      await c.close();
    });

    await check('manages access as an admin and filters the audit log', async () => {
      await page.getByRole('link', { name: 'Access' }).click();
      await page.locator('.page-header').getByLabel('Dataset', { exact: true }).fill(dataset);
      const grants = page.locator('[data-panel="grants"]');
      await grants.getByText('Open: every role-holder').waitFor();
      await grants.getByLabel('Kind').selectOption('GROUP');
      await grants.getByLabel('Principal').fill('emea');
      await grants.getByRole('button', { name: 'Grant' }).click();
      await grants.getByRole('cell', { name: 'GROUP emea', exact: true }).waitFor();
      const audit = page.locator('[data-panel="audit"]');
      await audit.getByLabel('Action').selectOption('GRANT_ACCESS');
      await audit.getByLabel('Dataset', { exact: true }).fill(dataset);
      await audit.locator('tr[data-action="GRANT_ACCESS"]').first().waitFor();
      const others = await audit.locator('tbody tr:not([data-action="GRANT_ACCESS"])').count();
      if (others > 0) throw new Error(`the audit log filtered by GRANT_ACCESS shows ${others} other entries`);
      const policies = page.locator('[data-panel="row-policies"]');
      await policies.getByLabel('Policy', { exact: true }).fill('by_country');
      await policies.getByLabel('Column', { exact: true }).fill('country');
      await policies.getByLabel('Claim', { exact: true }).fill('countries');
      await policies.getByRole('button', { name: 'Set policy' }).click();
      await policies.getByRole('cell', { name: 'by_country', exact: true }).waitFor();
      await shots.take(page, '09-access');
      await accessible(page, 'access');
      await policies.getByRole('button', { name: 'Drop policy by_country' }).click();
      await policies.getByRole('cell', { name: 'by_country', exact: true }).waitFor({ state: 'detached' });
      await grants.getByRole('button', { name: 'Revoke group emea' }).click();
      await grants.getByText('Open: every role-holder').waitFor();
    });

    if (consoleErrors.length > 0) throw new Error(`the app threw: ${consoleErrors.join('; ')}`);
    report.ok = true;
  } catch (error) {
    report.ok = false;
    report.failure = error.message;
    await shots.take(page, 'failure').catch(() => undefined);
  } finally {
    await browser.close();
    mkdirSync(dirname(resolve(options.report)), { recursive: true });
    writeFileSync(resolve(options.report), JSON.stringify(report, null, 2));
  }
  for (const c of report.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name} (${c.ms} ms)${c.ok ? '' : `\n     ${c.error}`}`);
  console.log(`screenshots: ${join(options.screenshots)}; report: ${options.report}`);
  process.exit(report.ok ? 0 : 1);
}

/** The cards once the named measure exists: its value is revenue per unit. */
function withMeasure(values) {
  return { ...values, [MEASURE_NAME]: values['SUM(quantity)'] ? values['SUM(revenue)'] / values['SUM(quantity)'] : null };
}

function assertSameRows(shown, expected, what) {
  const key = (r) => `${r.device}|${r.country}`;
  const byKey = new Map(expected.map((r) => [key(r), r]));
  const problems = shown
    .filter((r) => {
      const e = byKey.get(key(r));
      return !e || Object.keys(e).some((k) => (typeof e[k] === 'number' ? Math.abs(e[k] - r[k]) > 1e-6 * Math.max(1, Math.abs(e[k])) : e[k] !== r[k]));
    })
    .map((r) => JSON.stringify(r));
  if (problems.length > 0 || shown.length !== expected.length) {
    throw new Error(`${what}: rows ${problems.join(', ')} differ; ${shown.length} shown, ${expected.length} expected ${JSON.stringify(expected)}`);
  }
  const counts = shown.map((r) => r.COUNT);
  if (counts.some((c, i) => i > 0 && c > counts[i - 1])) throw new Error(`${what} is not sorted by COUNT: ${counts}`);
}

await main();
