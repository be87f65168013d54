// Chromium (Debian's, driven by playwright-core), the page-side readers of the dashboard's data attributes, and
// waits that poll the page until it shows what is expected or a deadline passes (never a sleep).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium; Playwright gives every launch a fresh temporary profile (--user-data-dir). */
export function launch(executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium') {
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

/** Installed in every page: reads what the dashboard shows from its data attributes, and compares numbers. */
function readers() {
  const number = (text) => (text === undefined || text === '' ? null : Number(text));
  window.__e2e = {
    kpis: () =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-panel="kpis"] [data-kpi]')].map((e) => [e.dataset.kpi, number(e.dataset.value)]),
      ),
    previous: () =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-panel="kpis"] [data-kpi]')].map((e) => [
          e.dataset.kpi,
          number(e.querySelector('[data-previous]')?.dataset.previous),
        ]),
      ),
    series: () =>
      [...document.querySelectorAll('[data-panel="timeseries"] tr[data-time]')].map((tr) => ({
        time: Date.parse(tr.dataset.time),
        split: tr.dataset.split ?? null,
        value: number(tr.dataset.value),
      })),
    top: (dimension) =>
      Object.fromEntries(
        [...document.querySelectorAll(`[data-panel="topn-${dimension}"] tr[data-key]`)].map((tr) => [tr.dataset.key, number(tr.dataset.value)]),
      ),
    table: () => [...document.querySelectorAll('[data-panel="table"] tr[data-row]')].map((tr) => JSON.parse(tr.dataset.row)),
    state: (panel) => document.querySelector(`[data-panel="${panel}"]`)?.dataset.state ?? null,
    // Equal, numbers up to double arithmetic (Druid sums doubles; the expectation sums exact cents).
    same: (actual, expected) => {
      if (typeof expected === 'number' && typeof actual === 'number') {
        return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
      }
      if (expected === null || typeof expected !== 'object') return actual === expected;
      if (actual === null || typeof actual !== 'object') return false;
      if (Array.isArray(expected) !== Array.isArray(actual)) return false;
      const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
      return [...keys].every((k) => window.__e2e.same(actual[k], expected[k]));
    },
  };
}

export async function newContext(browser, options = {}) {
  // Reduced motion: the app then draws its charts without animation, so screenshots show them settled.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'en-US',
    reducedMotion: 'reduce',
    ...options,
  });
  await context.addInitScript(readers);
  return context;
}

/**
 * Waits until `reader(arg)` in the page equals `expected` (numbers up to double arithmetic); on the deadline,
 * fails with what the page showed instead.
 */
export async function expectShown(page, what, reader, arg, expected, timeout = 30_000) {
  try {
    await page.waitForFunction(
      ([r, a, e]) => window.__e2e?.same(window.__e2e[r](a), e),
      [reader, arg ?? null, expected],
      { timeout, polling: 100 },
    );
  } catch (error) {
    const actual = await page.evaluate(([r, a]) => window.__e2e?.[r](a), [reader, arg ?? null]).catch(() => '(unreadable)');
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, the page showed ${JSON.stringify(actual)} (${error.message.split('\n')[0]})`);
  }
}

/** Waits until a panel has answered its current question. */
export function ready(page, panel, timeout = 30_000) {
  return page.waitForFunction((p) => window.__e2e?.state(p) === 'ready', panel, { timeout, polling: 100 });
}

export class Screenshots {
  constructor(directory) {
    this.directory = directory;
    this.taken = [];
    // Each run's own: no picture of an earlier run (or its failure) is left to mislead.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
  }

  async take(page, name) {
    const path = join(this.directory, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    this.taken.push(path);
    return path;
  }
}

/** axe-core over the page: the serious and critical violations (WCAG 2.x A and AA, and best practices). */
export async function accessibilityProblems(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
