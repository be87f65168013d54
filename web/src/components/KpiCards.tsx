import { formatChange, formatNumber, relativeChange } from './format';

export interface KpiCard {
  /** The measure's label as the API names it (COUNT, SUM(revenue), a named measure's name). */
  label: string;
  /** How a person reads it. */
  title: string;
  value: number | null;
  /** The value over the period of the same length just before; undefined when not compared. */
  previous?: number | null;
}

interface Props {
  cards: KpiCard[];
  /** What the comparison is with, e.g. "the previous 7 days". */
  comparedWith?: string;
}

/**
 * One card per measure: its value and how it compares with the previous period. Each card carries its label and
 * raw value as `data-kpi` and `data-value`, the contract tests and tools read.
 */
export function KpiCards({ cards, comparedWith }: Props) {
  return (
    <ul className="kpi-cards" aria-label="Key figures">
      {cards.map((card) => (
        <li key={card.label} className="kpi-card" data-kpi={card.label} data-value={card.value ?? ''}>
          <span className="kpi-label" title={card.label}>
            {card.title}
          </span>
          <span className="kpi-value">{formatNumber(card.value)}</span>
          <Comparison card={card} comparedWith={comparedWith} />
        </li>
      ))}
    </ul>
  );
}

function Comparison({ card, comparedWith }: { card: KpiCard; comparedWith?: string }) {
  if (card.previous === undefined) return <span className="kpi-change muted">&nbsp;</span>;
  // Computed from value and previous, not read from the answer's `change`, so a live value updates it too.
  const delta = relativeChange(card.value, card.previous);
  const direction = delta === null || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  const against = comparedWith ? ` vs ${comparedWith}` : ' vs the previous period';
  return (
    <span className={`kpi-change kpi-change-${direction}`} data-previous={card.previous ?? ''}>
      {delta === null ? (
        <span className="muted">{card.previous === null || card.previous === 0 ? `no data${against}` : 'n/a'}</span>
      ) : (
        <>
          <span aria-hidden="true">{direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : ''}</span>
          {formatChange(delta)}
          <span className="muted">
            {against} ({formatNumber(card.previous)})
          </span>
        </>
      )}
    </span>
  );
}
