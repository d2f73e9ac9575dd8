import { afterAll, describe, expect, it } from '@jest/globals';
import { settingsSchema } from '../../../src/config/schema.js';
import { memoryChange } from '../../../src/core/memory-snapshot.js';
import { approximationsOf, compareTypescript, errorOf, fieldLines, request, SETTINGS, testTypescriptReader } from './support.js';

const reader = testTypescriptReader();
afterAll(() => reader.close());

const FILE = 'src/order.ts';
const ORDER = 'export interface Order {\n  id: string;\n  total: number;\n}\n';
const asset = { name: 'Order', source: 'src/**' };
const headOf = async (text: string) => (await compareTypescript(reader, { [FILE]: ORDER }, { [FILE]: text }, asset)).head;

describe('a file that cannot be read', () => {
  it.each([
    ['a syntax error', `${ORDER}export const broken = (;\n`, `failed ${FILE}:5 not valid TypeScript: Expression expected.`],
    ['a NUL byte', `${ORDER}// \u0000\n`, `failed ${FILE}:5 the file contains a NUL byte, which TypeScript source cannot hold: it is not read`],
    ['UTF-16 text (NUL bytes between the characters)', Buffer.from(ORDER, 'utf16le').toString('latin1'), `failed ${FILE}:1 the file contains a NUL byte, which TypeScript source cannot hold: it is not read`],
    ['bytes that were not UTF-8', `${ORDER}// caf\uFFFD\n`, `failed ${FILE}:5 the file is not valid UTF-8 (or contains U+FFFD): it is not read`],
    ['brackets nested past the limit', `${ORDER}\nexport const deep =\n  ${'['.repeat(1000)}${']'.repeat(1000)};\n`, `limit ${FILE}:7 brackets nest more than 200 deep here, past what this reader reads`],
  ])('is an error at its line: %s', async (_, text, expected) => {
    expect(errorOf(await headOf(text))).toBe(expected);
  });

  it('is not refused for brackets inside strings, comments, templates and regular expressions', async () => {
    const many = '('.repeat(300);
    const text = `${ORDER}// ${many}\nconst a = '${many}';\nconst b = \`\${'${many}'} ${many}\`;\nconst c = /\\(${'\\('.repeat(300)}/;\n`;
    expect(fieldLines(await headOf(text))).toEqual([`id string required @${FILE}:2`, `total number required @${FILE}:3`]);
  });

  it('that only the base has breaks only the base, and the head is still read', async () => {
    const comparison = await compareTypescript(reader, { [FILE]: `${ORDER}const x = ;\n` }, { [FILE]: ORDER }, asset);
    expect(errorOf(comparison.base)).toBe(`failed ${FILE}:5 not valid TypeScript: Expression expected.`);
    expect(fieldLines(comparison.head)).toEqual([`id string required @${FILE}:2`, `total number required @${FILE}:3`]);
  });

  it('that no read depends on does not stop the read', async () => {
    const files = { [FILE]: ORDER, 'src/unrelated.ts': 'export const broken = (;\n' };
    expect(fieldLines((await compareTypescript(reader, files, files, asset)).head)).toEqual([`id string required @${FILE}:2`, `total number required @${FILE}:3`]);
  });

  it('is skipped by an emit read, listed, while the other files are read', async () => {
    const files = {
      'src/a.ts': "declare const analytics: { track(e: string, p: object): void };\nanalytics.track('Order Placed', { orderId: 'a' });\n",
      'src/b.ts': 'export const broken = (;\n',
    };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order Placed', source: 'src/**', emit: { call: 'analytics.track' } });
    expect(comparison.head).toMatchObject({ status: 'present', skipped: [{ kind: 'failed', file: 'src/b.ts', line: 1, message: 'not valid TypeScript: Expression expected.' }] });
    expect(fieldLines(comparison.head)).toEqual(['orderId string required @src/a.ts:2']);
  });
});

describe('bounds', () => {
  it('refuses files past the size limit, naming the setting', async () => {
    const settings = settingsSchema.parse({ schemas: { maxBytes: 100 } });
    const results = await reader.compare([request(asset)], memoryChange({ [FILE]: ORDER }, { [FILE]: ORDER.repeat(5) }), settings);
    expect(errorOf(results.get('c')!.comparison.head)).toBe(
      `limit ${FILE}:undefined the matched files and the files they import, up to this one, exceed the 100-byte limit (schemas.maxBytes in the settings)`,
    );
  });

  it('refuses more files than it reads', async () => {
    const few = testTypescriptReader({ maxFiles: 2 });
    const files = { 'src/a.ts': "import './b';\nexport interface Order { id: string }", 'src/b.ts': "import './c';", 'src/c.ts': '' };
    const comparison = await compareTypescript(few, files, files, { name: 'Order', source: 'src/a.ts' });
    await few.close();
    expect(errorOf(comparison.head)).toBe('limit src/c.ts:undefined the matched files and the files they import are more than 2, past what this reader reads');
  });

  it('stops a read whose types expand past the limit, where it stopped', async () => {
    const levels = Array.from({ length: 10 }, (_, level) => `type T${level + 1} = { a: T${level}; b: T${level}; c: T${level} };`);
    const text = ['type T0 = { leaf: string };', ...levels, 'export interface Order { root: T10 }'].join('\n');
    expect(errorOf(await headOf(text))).toMatch(new RegExp(`^limit ${FILE}:\\d+ the types read from here expand to more than 20000 values, past what this reader reads$`));
  });

  it('reads objects nested deeper than 12 levels no further, and says so once', async () => {
    const levels = Array.from({ length: 15 }, (_, level) => `type T${level + 1} = { next: T${level} };`);
    const text = ['type T0 = { leaf: string };', ...levels, 'export interface Order { root: T15 }'].join('\n');
    const state = await headOf(text);
    expect(fieldLines(state).map((line) => line.split(' ')[0]!.split('.').length)).toContain(12);
    expect(fieldLines(state).map((line) => line.split(' ')[0]!.split('.').length)).not.toContain(14);
    expect(approximationsOf(state)).toEqual([
      `${FILE}:6 "root.next.next.next.next.next.next.next.next.next.next.next" nests deeper than 12 levels: what is below it (and below any other object that deep) is not read.`,
    ]);
  });

  it('reads a recursive type once, without looping', async () => {
    const text = 'export interface Order { id: string; parent?: Order; children: Order[] }';
    expect(fieldLines(await headOf(text))).toEqual([
      `id string required @${FILE}:1`,
      `parent object optional @${FILE}:1`,
      `children array<object> required @${FILE}:1`,
    ]);
  });

  it('stops an analysis past its time limit: an error on that contract, and the next review still runs', async () => {
    const slow = testTypescriptReader({ timeoutMs: 1 });
    const stopped = await compareTypescript(slow, { [FILE]: ORDER }, { [FILE]: ORDER }, asset);
    await slow.close();
    expect(errorOf(stopped.head)).toBe(`timeout ${FILE}:undefined the TypeScript compiler did not finish reading these files within 0.001s and was stopped`);
    expect(fieldLines((await compareTypescript(reader, { [FILE]: ORDER }, { [FILE]: ORDER }, asset)).head)).toHaveLength(2);
  });

  it('keeps every other contract reviewed when one breaks', async () => {
    const base = { [FILE]: ORDER, 'lib/line.ts': 'export interface Line { sku: string }' };
    const head = { ...base, [FILE]: '\u0000' };
    const results = await reader.compare([request(asset, 'orders'), request({ name: 'Line', source: 'lib/**' }, 'lines')], memoryChange(base, head), SETTINGS);
    expect(errorOf(results.get('orders')!.comparison.head)).toContain('NUL byte');
    expect(fieldLines(results.get('lines')!.comparison.head)).toEqual(['sku string required @lib/line.ts:1']);
  });
});

describe('the repository configuration', () => {
  it('that cannot be applied is said, and the files are read with the reader\'s own options', async () => {
    const files = { 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "paths": 3 } }', [FILE]: ORDER };
    const comparison = await compareTypescript(reader, files, files, asset);
    expect(fieldLines(comparison.head)).toHaveLength(2);
    expect(approximationsOf(comparison.head)).toEqual([
      "tsconfig.json:1 tsconfig.json extends @tsconfig/node20/tsconfig.json, which is not a file of the repository: its options are not applied.",
      "tsconfig.json:1 tsconfig.json could not be applied (Compiler option 'paths' requires a value of type object.): the files were read with the reader's own options.",
    ]);
  });

  it('follows extends inside the repository', async () => {
    const files = {
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["lib/*"] } } }',
      'app/tsconfig.json': '{ "extends": "../tsconfig.base.json" }',
      'lib/money.ts': 'export interface Money { cents: number }',
      'app/order.ts': "import type { Money } from '~/money';\nexport interface Order { total: Money }",
    };
    const comparison = await compareTypescript(reader, files, files, { name: 'Order', source: 'app/**' });
    expect(fieldLines(comparison.head)).toEqual(['total object required @app/order.ts:2', 'total.cents number required @lib/money.ts:1']);
  });
});
