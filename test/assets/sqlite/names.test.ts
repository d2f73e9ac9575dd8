import { describe, expect, it } from '@jest/globals';
import { parseTableName } from '../../../src/assets/sqlite/names.js';

describe('parseTableName', () => {
  it.each([
    ['orders', 'orders'],
    ['main.orders', 'orders'],
    ['MAIN."Order Items"', 'Order Items'],
    ['[order]', 'order'],
    ['`we``ird`', 'we`ird'],
    ['"a""b"', 'a"b'],
  ])('reads %s as the table %s', (name, table) => {
    expect(parseTableName(name)).toEqual({ ok: true, table });
  });

  it.each([
    ['public.orders', 'is not the main database'],
    ['temp.orders', 'is not the main database'],
    ['a.b.c', 'table or main.table'],
    ['"orders', 'unterminated'],
    ['orders.', 'empty name part'],
    ["'orders'", 'is not an identifier'],
    ['orders items', 'unexpected'],
  ])('refuses %s', (name, message) => {
    const parsed = parseTableName(name);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});
