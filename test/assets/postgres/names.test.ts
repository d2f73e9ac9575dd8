import { describe, expect, it } from '@jest/globals';
import { missingTableHint } from '../../../src/assets/postgres/names.js';

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
