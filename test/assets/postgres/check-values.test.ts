import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadModule } from 'libpg-query';
import { checkAllowedValues } from '../../../src/assets/postgres/check-values.js';

beforeAll(() => loadModule());

describe('checkAllowedValues', () => {
  it.each([
    ["CHECK (status = ANY (ARRAY['pending'::text, 'paid'::text]))", ['pending', 'paid']],
    ["CHECK (status IN ('pending', 'paid'))", ['pending', 'paid']],
    ["CHECK (status = 'pending' OR status = 'paid')", ['pending', 'paid']],
    ["CHECK (status IN ('pending', 'paid') OR status IS NULL)", ['pending', 'paid']],
    ["CHECK (((status = ANY (ARRAY['pending'::text, 'paid'::text])) OR (status IS NULL)))", ['pending', 'paid']],
    ["CHECK (status IS NULL OR status = 'pending' OR status = 'paid')", ['pending', 'paid']],
  ])('reads %s as a list of values', (definition, values) => {
    expect(checkAllowedValues(definition, 'status')).toEqual(values);
  });

  it.each([
    ['a range', 'CHECK (amount > 0)', 'amount'],
    ['a NULL test alone', 'CHECK (status IS NULL)', 'status'],
    ["another column's NULL test", "CHECK (status IN ('pending') OR note IS NULL)", 'status'],
    ['a NOT NULL test', "CHECK (status IN ('pending') OR status IS NOT NULL)", 'status'],
    ['an AND', "CHECK (status IN ('pending') AND status IS NOT NULL)", 'status'],
  ])('gives no list for %s', (_, definition, column) => {
    expect(checkAllowedValues(definition, column)).toBeUndefined();
  });
});
