import { describe, expect, it } from '@jest/globals';
import { missingTableHint, parseTableName } from '../../../src/assets/postgres/names.js';

describe('missingTableHint', () => {
  it.each([
    ['public.Orders', 'public.orders', 'public."Orders"'],
    ['Sales.Orders', 'sales.orders', '"Sales"."Orders"'],
    ['Orders', 'orders', '"Orders"'],
    ['"Sales".Orders', '"Sales".orders', '"Sales"."Orders"'],
  ])('tells that %s looks for %s and suggests %s', (name, folded, quoted) => {
    expect(missingTableHint(name)).toBe(
      `Postgres folds unquoted names to lower case, so this looks for ${folded}; if the table was created with a quoted name, write ${quoted}.`,
    );
  });

  it.each(['public.orders', 'public."Orders"', '"My.Orders"'])('only explains the folding for %s, which nothing folds', (name) => {
    expect(missingTableHint(name)).toMatch(/^Postgres folds unquoted names to lower case: /);
  });
});

describe('parseTableName', () => {
  it.each([
    ['orders', 'public', 'orders'],
    ['Orders', 'public', 'orders'],
    ['public.Orders', 'public', 'orders'],
    ['Sales.Orders', 'sales', 'orders'],
    ['"Sales"."Orders"', 'Sales', 'Orders'],
    ['public."TaskRun"', 'public', 'TaskRun'],
    ['"My.Orders"', 'public', 'My.Orders'],
    ['"say ""hi"""', 'public', 'say "hi"'],
    ['Crème', 'public', 'crème'],
    [`t${'x'.repeat(70)}`, 'public', `t${'x'.repeat(62)}`],
  ])('reads %s as %s.%s', (name, schema, relation) => {
    expect(parseTableName(name)).toEqual({ ok: true, schema, relation });
  });

  it.each([
    ['a.b.c.d', 'improper relation name (too many dotted names)'],
    ['db.public.orders', 'a table is named schema.table: cross-database references are not implemented'],
    ['public.', 'empty name part'],
    ['.orders', 'empty name part'],
    ['""', 'zero-length delimited identifier'],
    ['"open', 'unterminated quoted identifier'],
    ['order items', '"order items" is not an identifier; quote it'],
    ['public."Orders"x', 'unexpected "x" after a name part'],
  ])('refuses %s: %s', (name, message) => {
    expect(parseTableName(name)).toEqual({ ok: false, message });
  });
});
