import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KpiCards } from './KpiCards';

describe('KpiCards', () => {
  it('carries each measure label and raw value, and compares with the previous period', () => {
    render(
      <KpiCards
        comparedWith="the previous 7 days"
        cards={[
          { label: 'COUNT', title: 'Rows', value: 1200, previous: 1000 },
          { label: 'SUM(revenue)', title: 'Total revenue', value: 5000.125, previous: 6000 },
          { label: 'margin', title: 'margin', value: 2, previous: null },
        ]}
      />,
    );
    const cards = within(screen.getByRole('list', { name: 'Key figures' })).getAllByRole('listitem');
    expect(cards.map((c) => [c.getAttribute('data-kpi'), c.getAttribute('data-value')])).toEqual([
      ['COUNT', '1200'],
      ['SUM(revenue)', '5000.125'],
      ['margin', '2'],
    ]);
    expect(cards[0]?.textContent).toContain('+20.0% vs the previous 7 days');
    expect(cards[1]?.textContent).toContain('-16.7%');
    expect(cards[2]?.textContent).toContain('no data vs the previous 7 days');
  });
});
