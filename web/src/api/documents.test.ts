import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { serverSchema } from '../test/serverSchema';
import { DOCUMENTS } from './documents';

const schema = serverSchema();

describe('every GraphQL document the app sends', () => {
  it.each(Object.entries(DOCUMENTS))('%s is valid against the server schema', (_name, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });
});
