import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../src/render/markdown.js';
import { dcr } from '../support/dcr.js';
import { exampleFiles } from '../support/example-files.js';
import {
  ACTIONS_APP,
  checkRunsOn,
  commentsOn,
  pullEvent,
  runEntry,
  SHOP,
  type ActionRun,
  WORKFLOW_PERMISSIONS,
  type Workplace,
  workplace,
} from './support.js';

/**
 * The "done when": from a repository with no contracts to a reviewed pull request with `dcr init` and the
 * Action alone. The example shop without its contracts, owned through CODEOWNERS; `dcr init --all` as a user runs
 * it; the workflow the README shows; the Action's compiled entry for each pull request event that workflow runs on.
 */

const WORKFLOW_PATH = '.github/workflows/data-contracts.yml';
/** The workflow the README gives to paste: the yaml block that starts with its path. */
const WORKFLOW = readmeWorkflow(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));

function readmeWorkflow(readme: string): string {
  const block = new RegExp('```yaml\n# ' + WORKFLOW_PATH.replace(/\./g, '\\.') + '\n([\\s\\S]*?)```').exec(readme);
  if (!block) throw new Error(`README.md shows no workflow for ${WORKFLOW_PATH}`);
  return block[1]!;
}
const CODEOWNERS = '/db/       @acme/checkout\n/schemas/  @acme/events\n/prisma/   @acme/loyalty\n';

/** Each contract `dcr init --all` proposes, with its owner and the CODEOWNERS line that gives it. */
const PROPOSED = [
  { path: 'contracts/customers.yaml', asset: 'postgres public.customers, 5 fields', owner: '@acme/checkout', line: 1, pattern: '/db/' },
  { path: 'contracts/orders.yaml', asset: 'postgres public.orders, 7 fields', owner: '@acme/checkout', line: 1, pattern: '/db/' },
  { path: 'contracts/money.yaml', asset: 'avro com.acme.common.Money, 2 fields', owner: '@acme/events', line: 2, pattern: '/schemas/' },
  { path: 'contracts/order-placed.yaml', asset: 'avro com.acme.orders.OrderPlaced, 9 fields', owner: '@acme/events', line: 2, pattern: '/schemas/' },
  { path: 'contracts/loyalty-account.yaml', asset: 'prisma LoyaltyAccount, 5 fields', owner: '@acme/loyalty', line: 3, pattern: '/prisma/' },
];

/** A later pull request: support no longer leaves notes on orders, a column the orders contract was proposed with. */
const DROP_NOTE = { 'db/migrations/V5__drop_order_notes.sql': '-- Notes moved to the support tool.\nALTER TABLE orders DROP COLUMN note;\n' };

let place: Workplace;

interface Workflow {
  on: Record<string, { types: string[] }>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
}

const workflow = parse(WORKFLOW) as Workflow;
const [jobId, job] = Object.entries(workflow.jobs)[0]!;

/** The Action's step as the workflow runs it for `event`: the workflow must run on it. */
async function workflowRuns(event: string, action: string, payload: object): Promise<ActionRun> {
  expect(workflow.on[event]?.types).toContain(action);
  return runEntry(place, { eventName: event, payload, env: { GITHUB_JOB: jobId } });
}

const idOf = (path: string) => path.replace(/^contracts\/(.*)\.yaml$/, '$1');

/** A contract's section of the review's markdown: from its heading to the next one. */
function sectionOf(markdown: string, contract: string): string {
  const start = markdown.indexOf(`### \`${contract}\`\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n### ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Each finding row of the review's markdown tables: its contract, rule, field, severity and where, as shown. */
function findingRows(markdown: string): string[][] {
  return markdown.split(/\n(?=### `)/).flatMap((section) => {
    const contract = /^### `([^`]+)`/.exec(section)?.[1];
    const rows = section.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
    return rows.map((row) => {
      const [rule, field, , , severity, where] = row.split(' | ').map((cell) => cell.replace(/^\| /, ''));
      return [contract!, ...[rule, field, severity, where].map((cell) => cell!.replace(/`/g, ''))];
    });
  });
}

beforeAll(async () => {
  const example = Object.entries(await exampleFiles('main'));
  const withoutContracts = example.filter(([path]) => !path.startsWith('contracts/'));
  expect(withoutContracts.length).toBeLessThan(example.length);
  place = await workplace({ ...Object.fromEntries(withoutContracts), '.github/CODEOWNERS': CODEOWNERS }, 'The shop, before any contract');
});
afterEach(() => expect(place.github.unserved).toEqual([]));
afterAll(() => place?.close());

describe('the workflow the README shows', () => {
  it('runs the Action with its default token, given the permissions the review writes with, on a full checkout', () => {
    const permissions = Object.fromEntries(Object.entries(workflow.permissions).map(([name, level]) => [name.replace(/-/g, '_'), level]));
    expect({ ...permissions, metadata: 'read' }).toEqual(WORKFLOW_PERMISSIONS);
    expect(jobId).not.toBe('data-contracts');
    const [checkout, review] = job.steps;
    expect(checkout).toEqual({ uses: expect.stringMatching(/^actions\/checkout@/), with: { 'fetch-depth': 0 } });
    expect(review).toEqual({ uses: expect.stringMatching(/\/data-contract-review@/) });
  });
});

describe('a newcomer, from no contracts to reviewed pull requests', () => {
  it('proposes a contract per asset with dcr init --all, each owned as CODEOWNERS says', async () => {
    const init = await dcr('init', '--repo', place.repo.dir, '--all');

    expect(init.code).toBe(0);
    expect(init.stderr).toBe('dcr init: note: SQL migrations were read as Postgres; for MySQL or SQLite run dcr init --all --type mysql (or sqlite)\n');
    expect(init.stdout.split('\n').filter((line) => line.startsWith('wrote '))).toEqual(
      PROPOSED.map(({ path, asset, owner, line }) => `wrote ${path}: ${asset}, owner ${owner} (.github/CODEOWNERS line ${line})`),
    );
    expect((await place.repo.git('status', '--porcelain', '--untracked-files=all')).split('\n').sort()).toEqual(PROPOSED.map(({ path }) => `?? ${path}`).sort());
    for (const { path, owner, line, pattern } of PROPOSED) {
      const text = await readFile(join(place.repo.dir, path), 'utf8');
      expect(text).toContain(`\nowner: "${owner}" # from .github/CODEOWNERS line ${line} (${pattern})\n`);
      // Until the consumers are named, the one to name is advisory and its contact is the owner.
      expect(text).toContain(`  - name: Consumer to name\n    contact: "${owner}" #`);
      expect(text).toContain('    enforcement: advisory #');
    }
  });

  it('gets a completed check asking each owner to approve the contract added, from the Action on the pull request adding them', async () => {
    await place.repo.git('checkout', '-q', '-b', 'data-contracts');
    const added = await place.repo.commit({ [WORKFLOW_PATH]: WORKFLOW }, 'Data contracts, as dcr init proposed them');
    await place.repo.git('checkout', '-q', 'main');
    expect(await place.repo.git('diff', '--name-only', 'main', added)).toBe([WORKFLOW_PATH, ...PROPOSED.map(({ path }) => path)].sort().join('\n'));
    const pull = await place.github.openPull({ number: 1, baseRef: 'main', headRef: 'data-contracts' });

    const run = await workflowRuns('pull_request', 'opened', pullEvent('opened', pull));

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).not.toMatch(/::(error|warning)::/);
    const [check, ...others] = checkRunsOn(place, added);
    expect(others).toEqual([]);
    expect(check).toMatchObject({
      app_id: ACTIONS_APP.appId,
      name: 'data-contracts',
      status: 'completed',
      conclusion: 'failure',
      output: expect.objectContaining({ title: '5 blocking in 5 contracts' }),
    });
    // The findings as the check's summary tables list them, contract by contract in the order of their ids.
    const sorted = [...PROPOSED].sort((one, other) => one.path.localeCompare(other.path));
    expect(findingRows(check!.output.summary!)).toEqual(sorted.map(({ path }) => [idOf(path), 'contract-added', '—', '⛔ blocking', `${path}:5`]));
    expect(check!.output.annotations.map(({ path, start_line, annotation_level, title }) => ({ path, start_line, annotation_level, title }))).toEqual(
      sorted.map(({ path }) => ({ path, start_line: 5, annotation_level: 'failure', title: `blocking: contract-added · contract ${idOf(path)}` })),
    );
    const comments = commentsOn(place, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(ACTIONS_APP.login);
    expect(comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);
    for (const { path, owner } of sorted) {
      const approval = `- Ask ${owner} to approve this pull request: their approving review approves the contract change.`;
      expect(sectionOf(check!.output.summary!, idOf(path))).toContain(approval);
      expect(sectionOf(comments[0]!.body, idOf(path))).toContain(approval);
    }
    expect(run.summary).toContain('`data-contracts`: **failure**, 5 blocking in 5 contracts.');
  });

  it('gets the placeholder consumer told, on a later pull request that drops a column the contract was proposed with', async () => {
    await place.repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #1 from acme/data-contracts', 'data-contracts');
    place.github.mergePull(1, { actor: 'octocat' });
    const merged = await place.repo.git('rev-parse', 'main');
    await place.repo.git('checkout', '-q', '-b', 'drop-order-notes');
    const head = await place.repo.commit(DROP_NOTE, 'Drop order notes');
    await place.repo.git('checkout', '-q', 'main');
    const pull = await place.github.openPull({ number: 2, baseRef: 'main', headRef: 'drop-order-notes' });

    const run = await workflowRuns('pull_request', 'opened', pullEvent('opened', pull));

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [check, ...others] = checkRunsOn(place, head);
    expect(others).toEqual([]);
    expect(check).toMatchObject({
      name: 'data-contracts',
      status: 'completed',
      conclusion: 'neutral',
      output: expect.objectContaining({ title: '1 advisory in 1 contract' }),
    });
    expect(check!.output.annotations).toEqual([
      expect.objectContaining({
        path: 'db/migrations/V5__drop_order_notes.sql',
        start_line: 2,
        annotation_level: 'warning',
        title: 'advisory: field-removed (note) · contract orders',
        message: 'Column "note" of public.orders was removed; the contract still names it.\nContact: Consumer to name (@acme/checkout)',
      }),
    ]);
    expect(findingRows(check!.output.summary!)).toEqual([['orders', 'field-removed', 'note', '⚠️ advisory', 'db/migrations/V5__drop_order_notes.sql:2']]);
    const comments = commentsOn(place, 2);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(ACTIONS_APP.login);
    expect(comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);
    const orders = sectionOf(comments[0]!.body, 'orders');
    expect(orders).toContain('**Consumers affected**\n- Consumer to name: @acme/checkout · advisory\n');
    expect(orders).toContain(`**Contract:** [contracts/orders.yaml](https://github.com/${SHOP.owner}/${SHOP.repo}/blob/${merged}/contracts/orders.yaml)`);
  });
});
