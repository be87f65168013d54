import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS } from './documents';

// The server's own schema, from the api module: the contract these documents must keep.
const schema = buildSchema(
  // Tests run in web/ (npm test, and Maven's exec of it).
  readFileSync(resolve(process.cwd(), '../api/src/main/resources/graphql/schema.graphqls'), 'utf8'),
);

describe('every GraphQL document the app sends', () => {
  it.each(Object.entries(DOCUMENTS))('%s is valid against the server schema', (_name, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });
});
