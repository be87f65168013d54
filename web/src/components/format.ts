import type { Granularity } from '../api/types';

/** A number for people: grouped digits, and two decimals unless it is whole; a dash for no value. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const decimals = Number.isInteger(value) ? 0 : 2;
  return value.toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A short number for chart axes: 12.3k, 4.5M. */
export function formatCompact(value: number): string {
  return value.toLocaleString(undefined, { notation: 'compact', maximumFractionDigits: 1 });
}

export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

export function formatChange(change: number): string {
  return `${change > 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}

const UTC_DAY = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
const UTC_MONTH = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short' });
const UTC_YEAR = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric' });
const UTC_TIME = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A bucket's start as its granularity reads it, in UTC (the time zone the buckets are cut in). */
export function formatBucket(time: string | number, granularity: Granularity): string {
  const date = new Date(time);
  switch (granularity) {
    case 'MINUTE':
    case 'HOUR':
      return UTC_TIME.format(date);
    case 'MONTH':
    case 'QUARTER':
      return UTC_MONTH.format(date);
    case 'YEAR':
      return UTC_YEAR.format(date);
    default:
      return UTC_DAY.format(date);
  }
}

/** A UTC day of an instant, for ranges: "Mar 1, 2024". */
export function formatDay(instant: string): string {
  return UTC_DAY.format(new Date(instant));
}

/** When something happened, locally: "Dec 7, 11:24:18". */
export function formatWhen(instant: string | number | Date): string {
  return new Date(instant).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** How long ago, roughly: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(instant: string, now: number = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(instant)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
