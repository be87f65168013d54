import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

/**
 * The server's own schema, from the api module: every *.graphqls file Spring for GraphQL loads (one per feature),
 * the contract the app's documents must keep. Tests run in web/ (npm test, and Maven's exec of it).
 */
export function serverSchema(): GraphQLSchema {
  const folder = resolve(process.cwd(), '../api/src/main/resources/graphql');
  const files = readdirSync(folder).filter((name) => name.endsWith('.graphqls')).sort();
  return buildSchema(files.map((name) => readFileSync(resolve(folder, name), 'utf8')).join('\n'));
}
