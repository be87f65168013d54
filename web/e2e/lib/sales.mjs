// The ground truth of the browser tests: the uploaded CSV files read here, with nothing from Strata or Druid, and
// every figure the dashboard must show computed from their rows. Revenue is summed in cents, exactly.
import { readFileSync } from 'node:fs';

const DAY_MS = 86_400_000;

/** The rows of a sales CSV (timestamp,country,device,quantity,revenue). */
export function readSales(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const expected = ['timestamp', 'country', 'device', 'quantity', 'revenue'];
  if (columns.join() !== expected.join()) throw new Error(`${path}: expected columns ${expected}, found ${columns}`);
  return lines.map((line, index) => {
    const [timestamp, country, device, quantity, revenue] = line.split(',');
    const time = Date.parse(timestamp);
    const money = /^(\d+)(?:\.(\d{1,2}))?$/.exec(revenue);
    if (Number.isNaN(time) || !money) throw new Error(`${path}, row ${index + 2}: cannot read ${line}`);
    const cents = Number(money[1]) * 100 + Number((money[2] ?? '').padEnd(2, '0'));
    return { time, country, device, quantity: Number(quantity), cents };
  });
}

/** A UTC day, YYYY-MM-DD, as an instant in ms. */
export const day = (text) => Date.parse(`${text}T00:00:00Z`);

/** The rows a dashboard state keeps: values per dimension, and UTC days from and to (both included). */
export function slice(rows, { filters = {}, from, to } = {}) {
  const start = from ? day(from) : -Infinity;
  const end = to ? day(to) + DAY_MS : Infinity;
  return rows.filter(
    (row) =>
      row.time >= start &&
      row.time < end &&
      Object.entries(filters).every(([dimension, values]) => values.length === 0 || values.includes(row[dimension])),
  );
}

/** The dashboard's measures over rows, by the labels the API gives them. */
export function measures(rows) {
  const quantity = rows.reduce((sum, row) => sum + row.quantity, 0);
  const cents = rows.reduce((sum, row) => sum + row.cents, 0);
  return {
    COUNT: rows.length,
    'SUM(quantity)': rows.length ? quantity : null,
    'SUM(revenue)': rows.length ? cents / 100 : null,
  };
}

/** Rows per group, keyed by `key(row)`. */
export function groupBy(rows, key) {
  const groups = new Map();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

/** The start of a row's bucket, as Druid's TIME_FLOOR in UTC cuts it (weeks start on Monday). */
export function bucket(time, granularity) {
  const date = new Date(time);
  switch (granularity) {
    case 'HOUR':
      return Math.floor(time / 3_600_000) * 3_600_000;
    case 'DAY':
      return Math.floor(time / DAY_MS) * DAY_MS;
    case 'WEEK': {
      const dayStart = Math.floor(time / DAY_MS) * DAY_MS;
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      return dayStart - sinceMonday * DAY_MS;
    }
    case 'MONTH':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    default:
      throw new Error(`no bucket for ${granularity}`);
  }
}

/** The row count per bucket (and split value), as the time series table lists them. */
export function countsPerBucket(rows, granularity, split) {
  const groups = groupBy(rows, (row) => `${bucket(row.time, granularity)}|${split ? row[split] : ''}`);
  return [...groups.entries()]
    .map(([key, group]) => {
      const [time, value] = key.split('|');
      return { time: Number(time), split: split ? value : null, value: group.length };
    })
    .sort((a, b) => a.time - b.time || String(a.split).localeCompare(String(b.split)));
}

/** The row count per value of a dimension, as a top-N list by COUNT holds them. */
export function countsBy(rows, dimension) {
  return Object.fromEntries([...groupBy(rows, (row) => row[dimension]).entries()].map(([k, g]) => [k, g.length]));
}

/** One table row per combination of the dimensions, with every measure. */
export function tableRows(rows, dimensions) {
  const groups = groupBy(rows, (row) => JSON.stringify(dimensions.map((d) => row[d])));
  return [...groups.entries()]
    .map(([key, group]) => {
      const values = JSON.parse(key);
      return { ...Object.fromEntries(dimensions.map((d, i) => [d, values[i]])), ...measures(group) };
    })
    .sort((a, b) => JSON.stringify(dimensions.map((d) => a[d])).localeCompare(JSON.stringify(dimensions.map((d) => b[d]))));
}

/** The period of the same length just before [from, to] (UTC days): what the KPI cards compare with. */
export function previousPeriod(from, to) {
  const length = day(to) + DAY_MS - day(from);
  const start = new Date(day(from) - length).toISOString().slice(0, 10);
  const end = new Date(day(from) - DAY_MS).toISOString().slice(0, 10);
  return { from: start, to: end };
}
