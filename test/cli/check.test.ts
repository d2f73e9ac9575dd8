import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTempRepo, makeTempDir, type TempRepo } from '../git/temp-repo.js';
import { dcr } from '../support/dcr.js';

const CONTRACT = `id: orders
owner: "@acme/checkout"
asset:
  type: postgres
  name: public.orders
  source: db/migrations/*.sql
fields:
  - name: id
    type: bigint
    required: true
  - name: amount
    type: decimal
    required: true
  - name: note
consumers:
  - name: Finance dashboards
    contact: "@acme/analytics"
    channel: "#finance-data"
    enforcement: blocking
    uses: [id, amount]
  - name: Support tools
    contact: "@acme/support"
    enforcement: advisory
    uses: [note]
`;

let repo: TempRepo;
let base: string;

beforeAll(async () => {
  repo = await createTempRepo();
  base = await repo.commit({
    'contracts/orders.yaml': CONTRACT,
    'db/migrations/V1__orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  amount numeric(12,2) NOT NULL,\n  note text\n);\n',
    'src/app.ts': 'export {};\n',
  });
});
afterAll(() => repo.remove());

async function branch(name: string, files: Record<string, string>): Promise<void> {
  await repo.git('checkout', '-q', '-b', name, base);
  await repo.commit(files);
}

describe('dcr check', () => {
  it('exits 1 and names the blocking consumer when a contracted column is dropped', async () => {
    await branch('drop-amount', { 'db/migrations/V2__drop_amount.sql': '-- no longer needed\nALTER TABLE orders DROP COLUMN amount;\n' });
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'drop-amount');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('field-removed');
    expect(result.stdout).toContain('db/migrations/V2__drop_amount.sql:2');
    expect(result.stdout).toContain('@acme/analytics');
    expect(result.stdout).toContain('#finance-data');
  });

  it('gives the stable JSON interface', async () => {
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'drop-amount', '--format', 'json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.conclusion).toBe('failure');
    expect(json.errors).toEqual([]);
    expect(json.findings).toEqual([
      expect.objectContaining({
        contract: 'orders',
        rule: 'field-removed',
        severity: 'blocking',
        field: 'amount',
        file: 'db/migrations/V2__drop_amount.sql',
        line: 2,
        consumers: [{ name: 'Finance dashboards', contact: '@acme/analytics', channel: '#finance-data', enforcement: 'blocking' }],
        message: expect.any(String),
      }),
    ]);
  });

  it('gives the PR comment as markdown', async () => {
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'drop-amount', '--format', 'markdown');
    expect(result.stdout).toMatch(/^<!-- data-contract-review -->/);
    expect(result.stdout).toContain('| `field-removed` | `amount` |');
  });

  it('exits 0 with a neutral conclusion when only an advisory consumer is affected', async () => {
    await branch('drop-note', { 'db/migrations/V2__drop_note.sql': 'ALTER TABLE orders DROP COLUMN note;\n' });
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'drop-note', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ conclusion: 'neutral', findings: [{ rule: 'field-removed', severity: 'advisory' }] });
  });

  it('is quiet and exits 0 when the change touches no contracted asset', async () => {
    await branch('code-only', { 'src/app.ts': 'export const x = 1;\n' });
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'code-only');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 when a migration of the change fails, pointing at it', async () => {
    await branch('broken', { 'db/migrations/V2__broken.sql': 'ALTER TABLE orders ADD COLUMN total numeric;\nALTER TABLE orderz ADD COLUMN x int;\n' });
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'broken', '--format', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'migration-failed', severity: 'error', file: 'db/migrations/V2__broken.sql', line: 2 }),
    ]);
  });

  it('exits 2 for a revision that does not exist', async () => {
    const result = await dcr('check', '--repo', repo.dir, '--base', 'main', '--head', 'no-such-branch');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-branch');
    expect(result.stdout).toBe('');
  });

  it('exits 2 outside a git repository', async () => {
    const dir = await makeTempDir();
    const result = await dcr('check', '--repo', dir, '--base', 'main');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a git repository/i);
  });

  it('exits 2 with the usage for bad arguments', async () => {
    const missing = await dcr('check', '--repo', repo.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--base is required');
    const format = await dcr('check', '--base', 'main', '--format', 'yaml');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Usage: dcr check');
  });
});

describe('dcr check judges by the contracts of the target branch', () => {
  let history: TempRepo;
  beforeAll(async () => {
    history = await createTempRepo();
    await history.commit({ 'db/migrations/V1__orders.sql': 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  amount numeric(12,2) NOT NULL,\n  note text\n);\n' });
    await history.git('checkout', '-q', '-b', 'old-branch');
    await history.commit({ 'db/migrations/V2__drop_amount.sql': 'ALTER TABLE orders DROP COLUMN amount;\n' }, 'Drop the amount');
    await history.git('checkout', '-q', 'main');
    await history.commit({ 'contracts/orders.yaml': CONTRACT }, 'The finance team writes its contract');
  });
  afterAll(() => history.remove());

  it('fails a branch that forked before the contract existed and drops a contracted column', async () => {
    const result = await dcr('check', '--repo', history.dir, '--base', 'main', '--head', 'old-branch', '--format', 'json');
    expect(result.code).toBe(1);
    const review = JSON.parse(result.stdout) as { conclusion: string; findings: { rule: string; field: string; severity: string }[] };
    expect(review.conclusion).toBe('failure');
    expect(review.findings).toContainEqual(expect.objectContaining({ rule: 'field-removed', field: 'amount', severity: 'blocking' }));
  });

  it('does not take the contract from the head, where the branch could weaken it', async () => {
    await history.git('checkout', '-q', '-b', 'weakening', 'main');
    await history.commit(
      {
        'contracts/orders.yaml': CONTRACT.replace('uses: [id, amount]', 'uses: [id]'),
        'db/migrations/V2__drop_amount.sql': 'ALTER TABLE orders DROP COLUMN amount;\n',
      },
      'Drop the amount and the guarantee with it',
    );
    await history.git('checkout', '-q', 'main');
    const result = await dcr('check', '--repo', history.dir, '--base', 'main', '--head', 'weakening', '--format', 'json');
    expect(result.code).toBe(1);
  });
});
