/** The views of one dataset. */
export function DatasetTabs({ name, current }: { name: string; current: 'dashboard' | 'measures' }) {
  const base = `#/datasets/${encodeURIComponent(name)}`;
  return (
    <nav className="tabs" aria-label={`Views of ${name}`}>
      <a href={base} aria-current={current === 'dashboard' ? 'page' : undefined}>
        Dashboard
      </a>
      <a href={`${base}/measures`} aria-current={current === 'measures' ? 'page' : undefined}>
        Measures
      </a>
      <a href={`#/upload?dataset=${encodeURIComponent(name)}`}>Ingestions</a>
    </nav>
  );
}
