import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, graphQlBody, json } from '../test/fakeFetch';
import { renderWithApi } from '../test/render';
import { MeasuresPage } from './MeasuresPage';

const dataset = {
  name: 'sales',
  rowCount: 3,
  columns: [{ name: 'revenue', type: 'DOUBLE', role: 'METRIC' }],
  measures: [
    { name: 'count', expression: 'COUNT(*)', builtIn: true },
    { name: 'margin', expression: 'SUM(revenue) / 2', builtIn: false },
  ],
};

describe('MeasuresPage', () => {
  it('shows the server validation error at the field it names', async () => {
    const fetch = fakeFetch((request) => {
      const { query } = graphQlBody(request);
      if (query.includes('mutation DefineMeasure')) {
        return json({
          data: null,
          errors: [{ message: "expression.column: dataset 'sales' has no column 'revenu'", extensions: { code: 'BAD_REQUEST', field: 'expression.column' } }],
        })(request);
      }
      return json({ data: { dataset } })(request);
    });
    renderWithApi(<MeasuresPage name="sales" />, { fetch });
    expect(await screen.findByRole('button', { name: 'Drop margin' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Drop count' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'avg' } });
    fireEvent.change(screen.getByLabelText('Formula'), { target: { value: 'SUM(revenu)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save measure' }));

    const formula = screen.getByLabelText('Formula');
    expect((await screen.findByRole('alert')).textContent).toBe("expression.column: dataset 'sales' has no column 'revenu'");
    expect(formula.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('false');
  });
});
