import { DataTable } from '../components/DataTable';
import { formatWhen } from '../components/format';
import { KpiCards } from '../components/KpiCards';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import { TopNChart } from '../components/TopNChart';
import type { Snapshot } from './snapshot';

/** A dashboard as it was exported: the same cards, charts and table, drawn from the embedded data. */
export function SnapshotView({ snapshot }: { snapshot: Snapshot }) {
  return (
    <main className="export">
      <header className="dashboard-header">
        <div>
          <p className="eyebrow">Strata export</p>
          <h1>{snapshot.dataset}</h1>
          <p className="muted">
            Exported {formatWhen(snapshot.generatedAt)} · <a href={snapshot.link}>open the live view in Strata</a>
          </p>
          <ul className="choices" aria-label="View">
            {snapshot.choices.map((choice) => (
              <li key={choice} className="badge">
                {choice}
              </li>
            ))}
          </ul>
        </div>
      </header>
      <section className="card panel" data-panel="kpis" aria-labelledby="kpis-title">
        <header className="panel-header">
          <h2 id="kpis-title">Key figures</h2>
        </header>
        <KpiCards cards={snapshot.kpis.cards} comparedWith={snapshot.kpis.comparedWith} />
      </section>
      <section className="card panel" data-panel="timeseries" aria-labelledby="timeseries-title">
        <header className="panel-header">
          <h2 id="timeseries-title">{snapshot.timeseries.title} over time</h2>
        </header>
        <TimeSeriesChart
          points={snapshot.timeseries.points}
          measure={snapshot.timeseries.measure}
          title={snapshot.timeseries.title}
          granularity={snapshot.timeseries.granularity}
        />
      </section>
      <div className="topn-grid">
        {snapshot.topN.map((top) => (
          <section key={top.dimension} className="card panel" data-panel={`topn-${top.dimension}`} aria-labelledby={`topn-${top.dimension}-title`}>
            <header className="panel-header">
              <h2 id={`topn-${top.dimension}-title`}>
                Top {top.dimension} by {top.title}
              </h2>
            </header>
            <TopNChart dimension={top.dimension} entries={top.entries} title={top.title} selected={top.selected} />
          </section>
        ))}
      </div>
      <section className="card panel" data-panel="table" aria-labelledby="table-title">
        <header className="panel-header">
          <h2 id="table-title">Breakdown</h2>
        </header>
        <DataTable columns={snapshot.table.columns} rows={snapshot.table.rows} sort={snapshot.table.sort} caption={snapshot.table.caption} />
        {snapshot.table.more && <p className="muted small">More rows in Strata: this file holds the page that was on screen.</p>}
      </section>
    </main>
  );
}
