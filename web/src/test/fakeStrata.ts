import { getOperationAST, parse, validate } from 'graphql';
import { fakeFetch, graphQlBody, type RecordedRequest } from './fakeFetch';
import { serverSchema } from './serverSchema';

const schema = serverSchema();

type Resolver = (variables: Record<string, unknown>) => unknown;

/**
 * A fetch that answers GraphQL operations by name, like a tiny Strata. Every document is first validated against
 * the server's real schema, and every measure input against the API's rule (a name, or an aggregate, never
 * both), answered with the errors the server gives; a fake cannot prove the dashboard works, but it can refuse
 * what the server refuses.
 */
export function fakeStrata(resolvers: Record<string, Resolver>) {
  return fakeFetch((request: RecordedRequest) => {
    const { query, variables = {} } = graphQlBody(request);
    const document = parse(query);
    const errors = validate(schema, document);
    if (errors.length > 0) return answer({ errors: errors.map((e) => ({ message: e.message, extensions: { code: 'BAD_REQUEST' } })) });
    const name = getOperationAST(document)?.name?.value ?? '';
    const measures = [variables.measures, variables.measure].flat().filter(Boolean) as Record<string, unknown>[];
    const mixed = measures.findIndex((m) => m.name != null && (m.aggregate != null || m.column != null));
    if (mixed >= 0) return answer({ errors: [{ message: `measures[${mixed}] has a name and a column/aggregate`, extensions: { code: 'BAD_REQUEST' } }] });
    if (variables.compareToPrevious === true && !(variables.interval as { start?: string; end?: string } | null)?.end) {
      return answer({ errors: [{ message: 'compareToPrevious needs an interval with both start and end', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const resolver = resolvers[name];
    if (!resolver) return answer({ errors: [{ message: `the fake has no answer for ${name}`, extensions: { code: 'INTERNAL_ERROR' } }] });
    return answer({ data: resolver(variables) });
  });
}

function answer(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}
