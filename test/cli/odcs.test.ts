import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { UsageError } from '../../src/cli/command.js';
import { exportCommand } from '../../src/cli/export.js';
import { importCommand } from '../../src/cli/import.js';
import { toOdcs } from '../../src/odcs/to-odcs.js';
import { contractOf, exportedDocument, FIXTURES } from '../odcs/fixtures.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../git/temp-repo.js';
import { dcr } from '../support/dcr.js';

const EXAMPLE = fileURLToPath(new URL('../../contracts-example/main/contracts/orders.yaml', import.meta.url));
const SHIPPED_SCHEMA = fileURLToPath(new URL('../../schemas/contract.schema.json', import.meta.url));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: typeof exportCommand, ...args: string[]): Promise<Result> {
  const result = { code: 0, stdout: '', stderr: '' };
  result.code = await command.run(args, { stdout: (text) => (result.stdout += text), stderr: (text) => (result.stderr += text) });
  return result;
}

const exported = (...args: string[]) => run(exportCommand, ...args);
const imported = (...args: string[]) => run(importCommand, ...args);

let repo: TempRepo;
let first: string;
let dir: string;

beforeAll(async () => {
  repo = await createTempRepo();
  first = await repo.commit({ 'contracts/invoices.yaml': FIXTURES.postgres!, 'contracts/broken.yaml': 'id: [\n' });
  await repo.commit({ 'contracts/invoices.yaml': FIXTURES.postgres!.replace('status: draft', 'status: active') });
  dir = await makeTempDir();
});
afterAll(async () => {
  await repo.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('dcr export --format odcs', () => {
  it('writes the ODCS document of a contract file to standard output', async () => {
    const result = await exported('--format', 'odcs', EXAMPLE);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(parse(result.stdout)).toEqual(exportedDocument(contractOf(await readFile(EXAMPLE, 'utf8'))));
  });

  it('finds a contract by its id at HEAD, or at the commit --rev names', async () => {
    const head = await exported('--format', 'odcs', 'invoices', '--repo', repo.dir);
    expect(head.code).toBe(0);
    expect(parse(head.stdout)).toMatchObject({ id: 'invoices', status: 'active' });
    const before = await exported('--format', 'odcs', 'invoices', '--repo', repo.dir, '--rev', first);
    expect(parse(before.stdout)).toMatchObject({ id: 'invoices', status: 'draft' });
    const byPath = await exported('--format', 'odcs', 'contracts/invoices.yaml', '--repo', repo.dir, '--rev', first);
    expect(byPath.stdout).toBe(before.stdout);
  });

  it('refuses to write the document where the review reads contracts, or over the contract itself', async () => {
    const inContracts = join(repo.dir, 'contracts/invoices.odcs.yaml');
    const result = await exported('--format', 'odcs', 'invoices', '--repo', repo.dir, '--out', inContracts);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is where the review reads contracts (contracts/**/*.{yml,yaml}): the document would be read as a broken contract');
    await expect(readFile(inContracts, 'utf8')).rejects.toThrow();

    const copy = join(dir, 'own.yaml');
    await writeFile(copy, await readFile(EXAMPLE, 'utf8'));
    expect(await exported('--format', 'odcs', copy, '--out', copy)).toMatchObject({ code: 2, stderr: `dcr export: ${copy} is the contract itself: write the document to another file\n` });
  });

  it('writes to --out, replacing what was there', async () => {
    const out = join(dir, 'exports', 'orders.odcs.yaml');
    await mkdir(join(dir, 'exports'), { recursive: true });
    await writeFile(out, 'old');
    const result = await exported('--format', 'odcs', EXAMPLE, '--out', out);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `dcr export: wrote ${out}\n` });
    expect(parse(await readFile(out, 'utf8'))).toMatchObject({ id: 'orders', apiVersion: 'v3.1.0' });
  });

  it('exits 2 and says why when there is no such contract, and which contract files it could not read', async () => {
    const result = await exported('--format', 'odcs', 'refunds', '--repo', repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dcr export: no contract has the id "refunds" at HEAD; these contract files could not be read, and may hold it:\ndcr export: contracts\/broken\.yaml:2:1: /);
    expect(await exported('--format', 'odcs', join(dir, 'missing.yaml'))).toMatchObject({ code: 2, stderr: `dcr export: ${join(dir, 'missing.yaml')}: no such file\n` });
    expect(await exported('--format', 'odcs', 'invoices', '--repo', dir)).toMatchObject({ code: 2, stderr: `dcr export: ${dir} is not a git repository (or does not exist)\n` });
    expect(await exported('--format', 'odcs', 'invoices', '--repo', repo.dir, '--rev', 'nope')).toMatchObject({ code: 2 });
  });

  it('exits 2 with the contract file\'s own errors at their lines', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'id: orders\nasset:\n  type: oracle\n');
    const result = await exported('--format', 'odcs', broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`dcr export: ${broken}:3:9: asset.type: must be one of`);
  });

  it('refuses a command line it cannot read', async () => {
    await expect(exported(EXAMPLE)).rejects.toThrow(new UsageError('--format is required'));
    await expect(exported('--format', 'json', EXAMPLE)).rejects.toThrow(new UsageError('--format must be one of odcs'));
    await expect(exported('--format', 'odcs')).rejects.toThrow(UsageError);
    await expect(exported('--format', 'odcs', 'a', 'b')).rejects.toThrow(new UsageError('unexpected argument "b"'));
  });
});

describe('dcr import odcs', () => {
  it('writes the contract back to contracts/ID.yaml, the editor\'s schema named on its first line', async () => {
    const target = await makeTempDir();
    const document = join(dir, 'orders.odcs.yaml');
    await exported('--format', 'odcs', EXAMPLE, '--out', document);
    const result = await imported('odcs', document, '--repo', target);
    const written = join(target, 'contracts', 'orders.yaml');
    expect(result).toEqual({ code: 0, stdout: '', stderr: `dcr import: wrote ${written}\n` });
    const text = await readFile(written, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/data-contract-review/schemas/contract.schema.json');
    expect(contractOf(text)).toEqual(contractOf(await readFile(EXAMPLE, 'utf8')));
    await rm(target, { recursive: true, force: true });
  });

  it('names the schema as the contracts beside it do, and writes to --out', async () => {
    const target = await makeTempDir();
    await mkdir(join(target, 'contracts', 'sales'), { recursive: true });
    await writeFile(join(target, 'contracts', 'sales', 'refunds.yaml'), '# yaml-language-server: $schema=../../schemas/contract.schema.json\nid: refunds\n');
    const document = join(dir, 'orders.odcs.yaml');
    await exported('--format', 'odcs', EXAMPLE, '--out', document);
    const out = join(target, 'contracts', 'sales', 'orders.yaml');
    expect((await imported('odcs', document, '--repo', target, '--out', out)).code).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/contract.schema.json');
    await rm(target, { recursive: true, force: true });
  });

  it('names the schema dcr ships when the repository holds it', async () => {
    const document = join(dir, 'orders.odcs.yaml');
    await exported('--format', 'odcs', EXAMPLE, '--out', document);
    const out = join(dir, 'shipped', 'orders.yaml');
    expect((await imported('odcs', document, '--repo', '/', '--out', out)).code).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe(`# yaml-language-server: $schema=${relative(dirname(out), SHIPPED_SCHEMA)}`);
  });

  it('never replaces a file', async () => {
    const document = join(dir, 'orders.odcs.yaml');
    await exported('--format', 'odcs', EXAMPLE, '--out', document);
    const out = join(dir, 'taken.yaml');
    await writeFile(out, 'mine');
    expect(await imported('odcs', document, '--out', out, '--repo', dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `dcr import: ${out} already exists and is never replaced: choose another file with --out\n`,
    });
    expect(await readFile(out, 'utf8')).toBe('mine');
  });

  it('exits 2 with every refusal at its line, and writes nothing', async () => {
    const document = join(dir, 'foreign.odcs.yaml');
    await writeFile(
      document,
      [
        'apiVersion: v3.1.0',
        'kind: DataContract',
        'id: payments',
        'version: 1.0.0',
        'status: active',
        'schema:',
        '  - name: payments',
        '    properties:',
        '      - name: amount',
        '        logicalType: number',
        '        logicalTypeOptions:',
        '          minimum: 0',
        'slaProperties:',
        '  - property: latency',
        '    value: 4',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'payments.yaml');
    const result = await imported('odcs', document, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      `dcr import: ${document} cannot be carried over into a contract:`,
      `  ${document}:1:1: customProperties: needs the custom property "dcr.consumers": the teams and systems that read the asset, each with name, contact (a GitHub user or team) and enforcement (blocking or advisory)`,
      `  ${document}:7:5: schema[0].customProperties: needs the custom property "dcr.asset.type": how the repository defines the asset, one of postgres, mysql, sqlite, avro, protobuf, jsonschema, prisma, dbt, typescript`,
      `  ${document}:7:5: schema[0].customProperties: needs the custom property "dcr.asset.source": the glob, or list of globs, of the files in the repository that define the asset`,
      `  ${document}:12:11: schema[0].properties[0].logicalTypeOptions: cannot be carried over: bounds on values (length, range, pattern, format, ...) are promises dcr does not check`,
      `  ${document}:14:3: slaProperties: cannot be carried over: service levels (latency, retention, frequency, ...) are promises dcr does not check`,
      '',
    ]);
    await expect(readFile(out)).rejects.toThrow();
  });

  it('says at their lines what it dropped, and writes the contract', async () => {
    const document = join(dir, 'tagged.odcs.yaml');
    const tagged = { ...toOdcs(contractOf(await readFile(EXAMPLE, 'utf8'))), tags: ['sales'] };
    await writeFile(document, JSON.stringify(tagged, null, 2));
    const out = join(dir, 'tagged.yaml');
    const result = await imported('odcs', document, '--out', out, '--repo', dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `dcr import: what the contract does not carry over from ${document}:\n  ${document}:129:11: tags: dropped: a contract has no tags\ndcr import: wrote ${out}\n`,
    );
  });

  it('writes where the settings say contracts are, from the repository root, and refuses an id already taken', async () => {
    const layout = await createTempRepo();
    try {
      await layout.commit({ '.github/data-contracts.yml': 'contracts: "data/**/*.contract.yaml"\n', 'data/invoices.contract.yaml': FIXTURES.postgres! });
      const document = join(dir, 'layout.odcs.yaml');
      await exported('--format', 'odcs', EXAMPLE, '--out', document);
      const result = await imported('odcs', document, '--repo', join(layout.dir, 'data'));
      expect(result).toMatchObject({ code: 0, stderr: `dcr import: wrote ${join(layout.dir, 'data/orders.contract.yaml')}\n` });

      const invoices = join(dir, 'invoices.odcs.yaml');
      await exported('--format', 'odcs', 'invoices', '--repo', layout.dir, '--out', invoices);
      expect(await imported('odcs', invoices, '--repo', layout.dir)).toMatchObject({
        code: 2,
        stderr: 'dcr import: the id "invoices" is already the id of the contract in data/invoices.contract.yaml: change the document\'s id, or remove that contract first\n',
      });
    } finally {
      await layout.remove();
    }
  });

  it('warns when --out is where no review reads contracts', async () => {
    const document = join(dir, 'elsewhere.odcs.yaml');
    await exported('--format', 'odcs', EXAMPLE, '--out', document);
    const result = await imported('odcs', document, '--repo', repo.dir, '--out', join(repo.dir, 'docs/orders.yaml'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${join(repo.dir, 'docs/orders.yaml')} is not where the review reads contracts (contracts/**/*.{yml,yaml}): no review will read it there`);
  });

  it('exits 2 for a file that is missing or no YAML', async () => {
    expect(await imported('odcs', join(dir, 'nothing.yaml'))).toMatchObject({ code: 2, stderr: `dcr import: ${join(dir, 'nothing.yaml')}: no such file\n` });
    const garbage = join(dir, 'garbage.yaml');
    await writeFile(garbage, 'a: [\n');
    const result = await imported('odcs', garbage);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^dcr import: ${garbage} is not a YAML or JSON document:\\n  ${garbage}:\\d+:\\d+: `));
  });

  it('refuses a command line it cannot read', async () => {
    await expect(imported()).rejects.toThrow(new UsageError('name the format to import: odcs'));
    await expect(imported('dbt', 'x.yaml')).rejects.toThrow(new UsageError('unknown format "dbt": dcr imports odcs'));
    await expect(imported('odcs')).rejects.toThrow(new UsageError('name the file to import'));
    await expect(imported('odcs', 'a', 'b')).rejects.toThrow(new UsageError('unexpected argument "b"'));
  });
});

describe('dcr export and dcr import, as a user runs them', () => {
  it('round-trips a contract through the compiled dcr, and exits 2 on a document it refuses', async () => {
    const document = join(dir, 'bin.odcs.yaml');
    expect((await dcr('export', '--format', 'odcs', EXAMPLE, '--out', document)).code).toBe(0);
    const out = join(dir, 'bin', 'orders.yaml');
    expect((await dcr('import', 'odcs', document, '--out', out)).code).toBe(0);
    expect(contractOf(await readFile(out, 'utf8'))).toEqual(contractOf(await readFile(EXAMPLE, 'utf8')));
    await writeFile(join(dir, 'bad.yaml'), 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: "1"\nstatus: active\n');
    const refused = await dcr('import', 'odcs', join(dir, 'bad.yaml'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs the custom property "dcr.consumers"');
    expect((await dcr('--help')).stdout).toMatch(/export .*\n.*import /s);
  });
});
