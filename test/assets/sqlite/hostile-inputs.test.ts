import { afterAll, describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import type { Review } from '../../../src/core/review.js';
import { reviewer, sqliteContract } from './support.js';

const { review, close } = reviewer();
afterAll(() => close());

const SETTINGS = { '.github/data-contracts.yml': 'sqlite:\n  statementTimeoutSeconds: 0.5\n  maxBytes: 100000\n' };
const ORDERS = sqliteContract('orders', 'orders', '  - name: email\n    required: true\n');
/** A second contract on other migrations, so every test shows the rest of the review still runs. */
const CUSTOMERS = sqliteContract('customers', 'customers', '  - name: name\n', 'accounts/*.sql');
const BASE: FileMap = {
  ...SETTINGS,
  ...ORDERS,
  ...CUSTOMERS,
  'migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n',
  'accounts/0001_init.sql': 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);\n',
};
const HOSTILE = 'migrations/0002_change.sql';

/** The head adds `text` as the orders' next migration, and drops the customers' name. */
function reviewHostile(text: string): Promise<Review> {
  return review(BASE, { ...BASE, [HOSTILE]: text, 'accounts/0002_drop.sql': 'ALTER TABLE customers DROP COLUMN name;\n' });
}

/** The orders contract's one error, and the customers contract's finding. */
function outcome(result: Review): { orders: string[]; customers: string[] } {
  const of = (contract: string) =>
    result.findings.filter((finding) => finding.contract === contract).map(({ rule, severity, file, line, message }) => `${rule} ${severity} ${file}:${line} ${message}`);
  return { orders: of('orders'), customers: of('customers').map((line) => line.replace(/ Column.*$/, '')) };
}

const CUSTOMERS_REVIEWED = ['field-removed blocking accounts/0002_drop.sql:1'];

describe('a hostile or broken migration', () => {
  it.each([
    ['a syntax error', 'ALTER TABLE orders ADD COLUMN a TEXT;\n\nALTER TABLE orders ADD COLUMN;', 3, 'near ";": syntax error'],
    ['an unterminated string', "ALTER TABLE orders ADD COLUMN a TEXT DEFAULT 'x;\n", 1, 'unrecognized token'],
    ['a statement that never ends', 'SELECT 1;\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT max(n) FROM c;', 2, 'did not finish within 0.5s (sqlite.statementTimeoutSeconds)'],
    ['ATTACH DATABASE', "ATTACH DATABASE '/etc/passwd' AS secrets;", 1, 'ATTACH DATABASE opens another database file'],
    ['VACUUM INTO', "\nVACUUM INTO '/tmp/copy.db';", 2, 'VACUUM INTO writes the database to a file'],
    ['load_extension()', "CREATE VIEW v AS SELECT load_extension('/tmp/evil.so') AS x;", 1, 'load_extension() loads native code'],
    ['an expression nested past SQLite\'s depth limit', `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)};`, 1, 'Recursion limit'],
    ['a statement that needs more memory than SQLite may use', "SELECT length(zeroblob(400000000) || 'x');", 1, 'needs more than the 256 MiB of memory'],
    ['a value past SQLite\'s length limit', 'SELECT length(zeroblob(2000000000));', 1, 'string or blob too big'],
    ['a NUL byte', 'ALTER TABLE orders ADD COLUMN a TEXT;\nALTER TABLE orders\u0000 DROP COLUMN email;', 2, 'NUL byte'],
    ['bytes that are not UTF-8', 'ALTER TABLE orders ADD COLUMN caf\uFFFD TEXT;', 1, 'not valid UTF-8'],
    ['a UTF-16 file', Buffer.from('\uFEFFDROP TABLE orders;', 'utf16le').toString('latin1'), 1, 'NUL byte'],
    ['files over the size limit', `-- ${'x'.repeat(100_000)}\nDROP TABLE orders;`, undefined, '100000-byte limit (sqlite.maxBytes in the settings)'],
  ])('%s is an error at its file and line, and the other contract is still reviewed', async (_, text, line, message) => {
    const result = await reviewHostile(text);
    const { orders, customers } = outcome(result);
    expect(orders).toEqual([expect.stringContaining(`migration-failed error ${HOSTILE}:${line} `)]);
    expect(orders[0]).toContain(message);
    expect(customers).toEqual(CUSTOMERS_REVIEWED);
    expect(result.conclusion).toBe('failure');
  });

  it('in the base is skipped and listed, and the change is still judged', async () => {
    const base = { ...BASE, 'migrations/0001_init.sql': `${BASE['migrations/0001_init.sql']}ATTACH DATABASE 'x.db' AS x;\n` };
    const result = await review(base, { ...base, [HOSTILE]: 'ALTER TABLE orders DROP COLUMN email;' });
    expect(outcome(result).orders.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'migration-failed drift migrations/0001_init.sql:2',
      'field-removed blocking migrations/0002_change.sql:1',
    ]);
  });
});
