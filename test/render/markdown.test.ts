import { describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER, renderMarkdown } from '../../src/render/markdown.js';
import { addedGuarantee, churn, contractSummary, crm, finance, finding, mixedReview, partlyAcceptedReview, review } from './fixtures.js';

/** The rows of the markdown tables: lines that start and end with a pipe, less the header and its rule. */
function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^\|.*\|$/.test(line) && !line.startsWith('| rule') && !line.startsWith('| contract') && !line.startsWith('| ---'));
}

/** A row's cells as GitHub splits them: at every pipe not escaped by a backslash. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

describe('renderMarkdown', () => {
  it('starts with the hidden marker and names the head commit it describes', () => {
    const markdown = renderMarkdown(mixedReview(), { headSha: 'feedfacecafebeef00112233445566778899aabb' });
    expect(markdown.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(markdown).toContain('Commit `feedfac` (base `0f1e2d3`)');
    expect(markdown).toContain('## Data contracts: ❌ 1 blocking finding, 1 advisory finding and 1 contract error');
  });

  it('lists each finding of a contract as a table row, worst first', () => {
    const rows = tableRows(renderMarkdown(mixedReview()));
    expect(cells(rows[0]!)).toEqual([
      '`field-removed`',
      '`amount`',
      '`numeric(12,2)`',
      '—',
      '⛔ blocking',
      '`db/migrations/002_drop_amount.sql:3`',
      'Column amount was removed; the contract still relies on it.',
    ]);
    expect(cells(rows[1]!).slice(0, 5)).toEqual(['`field-made-nullable`', '`status`', '`required`', '`nullable`', '⚠️ advisory']);
  });

  it('names the consumers with their contact, channel and enforcement, the owner, the contract and what to do next', () => {
    const markdown = renderMarkdown(mixedReview(), { contractUrl: (file) => `https://github.com/acme/shop/blob/0f1e2d3/${file}` });
    expect(markdown).toContain('- Finance dashboards: @acme/analytics · \\#finance-data · **blocking**');
    expect(markdown).toContain('- Churn model: @jane · advisory');
    expect(markdown).toContain('**Owner:** @acme/checkout');
    expect(markdown).toContain('[contracts/orders.yaml](https://github.com/acme/shop/blob/0f1e2d3/contracts/orders.yaml)');
    expect(markdown).toContain(
      '- Ask @acme/analytics to approve this pull request: their approving review accepts the finding they block. Or update the contract in a pull request they approve.',
    );
    expect(markdown).toContain('Let @jane know about the change; it does not block the merge.');
  });

  it('folds drift and info into a details block after what needs attention, and lists errors in their own section', () => {
    const markdown = renderMarkdown(mixedReview());
    const details = markdown.slice(markdown.indexOf('<details>'), markdown.indexOf('</details>'));
    expect(details).toContain('<summary>1 drift finding and 1 info finding, not counted against this change</summary>');
    expect(details).toContain('`field-missing`');
    expect(details).toContain('`field-added`');
    expect(markdown.indexOf('<details>')).toBeGreaterThan(markdown.indexOf('`field-made-nullable`'));
    expect(markdown).toContain('### ❗ Errors in contracts and settings');
    expect(markdown).toContain('- `contracts/broken.yaml:3:5`: fields.0.type: must be a string, but is a list');
  });

  it('keeps pipes, newlines and markup in user text from breaking the table or the comment', () => {
    const hostile = review({
      conclusion: 'failure',
      contracts: [contractSummary('orders', { name: 'Orders <!-- hidden' })],
      findings: [finding({ field: 'a|b', before: "text CHECK (x <> '|')", after: 'with `ticks`', message: 'line one\nline | two </details>' })],
    });
    const markdown = renderMarkdown(hostile);
    const [row] = tableRows(markdown);
    expect(cells(row!)).toHaveLength(7);
    expect(cells(row!)[1]).toBe('`a\\|b`');
    expect(cells(row!)[2]).toBe("`text CHECK (x <> '\\|')`");
    expect(cells(row!)[3]).toBe('`` with `ticks` ``');
    expect(cells(row!)[6]).toBe('line one line \\| two &lt;/details&gt;');
    expect(markdown).toContain('### Orders &lt;!-- hidden (`orders`)');
    expect(markdown.split('<!--')).toHaveLength(2);
  });

  it('cuts whole rows to respect the length limit and says how many findings it left out', () => {
    const findings = Array.from({ length: 40 }, (_, index) => finding({ field: `column_${index}`, message: `Column column_${index} was removed.` }));
    const full = renderMarkdown(review({ conclusion: 'failure', findings }));
    const maxLength = 3000;
    const cut = renderMarkdown(review({ conclusion: 'failure', findings }), { maxLength });
    expect(full.length).toBeGreaterThan(maxLength);
    expect(cut.length).toBeLessThanOrEqual(maxLength);
    const shown = tableRows(cut).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(40);
    expect(cut).toContain(
      `…and ${40 - shown} more findings not shown (the comment is limited to 3,000 characters); run \`dcr check\` for the full list.`,
    );
    expect(cut).toContain('**What to do next**');
  });

  it('leaves out a whole section when not even one of its rows fits, and counts the errors it left out', () => {
    const errors = Array.from({ length: 30 }, (_, index) => ({ file: `contracts/broken_${index}.yaml`, line: 1, column: 1, message: 'x'.repeat(80) }));
    const cut = renderMarkdown(review({ conclusion: 'neutral', errors }), { maxLength: 1200 });
    expect(cut.length).toBeLessThanOrEqual(1200);
    const shown = cut.split('\n').filter((line) => line.startsWith('- `contracts/broken_')).length;
    expect(cut).toContain(`…and ${30 - shown} more errors not shown`);
  });

  it('renders an all-clear body when nothing is found', () => {
    const markdown = renderMarkdown(review(), { headSha: 'feedfacecafebeef00112233445566778899aabb' });
    expect(markdown).toBe(
      `${COMMENT_MARKER}\n## Data contracts: ✅ all clear\n\n` +
        'Commit `feedfac` (base `0f1e2d3`): no guarantee broken (2 contracts read, 1 evaluated).\n',
    );
  });

  it('calls a review with advisory findings only advisory, and mentions the advisory consumers', () => {
    const markdown = renderMarkdown(review({ conclusion: 'neutral', findings: [finding({ severity: 'advisory', consumers: [churn] })] }));
    expect(markdown).toContain('## Data contracts: ⚠️ advisory: 1 finding for advisory consumers');
    expect(markdown).not.toContain('to approve this pull request');
    expect(markdown).toContain('Let @jane know about the change');
  });
});

describe('renderMarkdown notes', () => {
  it('shows how the change was read, and can leave out the marker for a check summary', () => {
    const text = renderMarkdown(review({ notes: ['This pull request changes 3,000 files or more.'] }), { withoutMarker: true });
    expect(text).not.toContain(COMMENT_MARKER);
    expect(text).toContain('> [!NOTE]\n> This pull request changes 3,000 files or more.');
  });
});

describe('renderMarkdown mentions', () => {
  it('lets only consumer contacts notify anyone, never text a pull request brings', () => {
    const text = renderMarkdown(review({ findings: [finding({ message: "Column \"status\" now allows '@acme/security'." })] }));
    expect(text).toContain("'@&#8203;acme/security'");
    expect(text).not.toMatch(/'@acme\/security'/);
  });
});

describe('renderMarkdown approvals', () => {
  it('keeps an accepted finding in its place, marked with who accepted it, and counts it apart from what blocks', () => {
    const markdown = renderMarkdown(partlyAcceptedReview());
    expect(markdown).toContain('## Data contracts: ❌ 1 blocking finding; 1 accepted\n');
    const rows = tableRows(markdown).map(cells);
    expect(rows.map((row) => [row[0], row[4]])).toEqual([
      ['`field-removed`', '✅ accepted by @acme/analytics (@jane)'],
      ['`field-renamed`', '⛔ blocking'],
    ]);
    expect(markdown).not.toContain('Ask @acme/analytics');
  });

  it('says the blocking findings were accepted when the engine concludes success, naming a person approving for themselves once', () => {
    const self = { ...finance, contact: '@jane' };
    const markdown = renderMarkdown(
      review({ findings: [finding({ consumers: [self], accepted: [{ contact: '@jane', by: 'jane' }] })] }),
    );
    expect(markdown).toContain('## Data contracts: ✅ 1 blocking finding accepted\n');
    expect(cells(tableRows(markdown)[0]!)[4]).toBe('✅ accepted by @jane');
    expect(markdown).not.toContain('**What to do next**');
  });

  it('asks each contact still needed to approve the pull request, and says what their approval accepts', () => {
    const markdown = renderMarkdown(
      review({
        conclusion: 'failure',
        findings: [
          finding({ consumers: [crm] }),
          finding({ field: 'status', consumers: [crm] }),
          finding({ field: 'note', consumers: [finance, crm] }),
          addedGuarantee('@acme/checkout'),
        ],
      }),
    );
    expect(markdown).toContain(
      '**What to do next**\n' +
        '- Ask @acme/crm to approve this pull request: their approving review accepts the 2 findings they block. ' +
        'Or update the contract in a pull request they approve.\n' +
        '- Ask @acme/analytics and @acme/crm to approve this pull request: their approving reviews, together, accept the finding they block. ' +
        'Or update the contract in a pull request they approve.\n' +
        '- Ask @acme/checkout to approve this pull request: their approving review approves the contract change.',
    );
  });

  it('asks for an owner to be named when a contract change needs the approval of an owner the contract does not name', () => {
    const ownerless = review({
      conclusion: 'failure',
      contracts: [contractSummary('orders', { owner: undefined })],
      findings: [addedGuarantee(undefined), addedGuarantee(undefined, { field: 'discount' }), addedGuarantee(undefined, { contract: 'inventory', rule: 'contract-added' })],
    });
    const markdown = renderMarkdown(ownerless);
    expect(markdown).toContain(
      '- Name an owner in `contracts/orders.yaml`: the 2 contract changes need the owner\'s approval, and the contract names none.',
    );
    expect(markdown).toContain("- Name an owner in contract `inventory`: the contract change needs the owner's approval, and the contract names none.");
    expect(markdown).not.toContain('to approve this pull request');
  });

  it('tells a contract change that does not hold apart from an asset that cannot be built', () => {
    const markdown = renderMarkdown(
      review({ conclusion: 'failure', findings: [finding({ rule: 'contract-unmet', severity: 'error', consumers: [] })] }),
    );
    expect(markdown).toContain(
      '- Fix the contract this pull request changes, so that it is valid and the asset at this commit meets it, and push again.',
    );
    expect(markdown).not.toContain('Fix what keeps the asset from being built');
  });
});

describe('renderMarkdown override', () => {
  it('opens with who overrode the check and when, and still lists the findings', () => {
    const markdown = renderMarkdown(
      review({ conclusion: 'neutral', findings: [finding()], override: { by: 'octo-admin', at: '2024-05-02T09:30:00Z', allowed: true } }),
    );
    expect(markdown).toContain('## Data contracts: ⚠️ overridden: 1 blocking finding\n');
    expect(markdown).toContain(
      '> [!WARNING]\n> The check was overridden by @octo-admin on 2024-05-02 with the override label. The findings below still stand.',
    );
    expect(tableRows(markdown)).toHaveLength(1);
    expect(markdown).toContain('Ask @acme/analytics to approve this pull request');
  });

  it('says a label added without admin or maintain permission changes nothing', () => {
    const markdown = renderMarkdown(
      review({ conclusion: 'failure', findings: [finding()], override: { by: 'intern', at: '2024-05-02T09:30:00Z', allowed: false } }),
    );
    expect(markdown).toContain('## Data contracts: ❌ 1 blocking finding\n');
    expect(markdown).toContain(
      '> [!NOTE]\n> The override label was added by @intern, who lacks admin or maintain permission on this repository, so it changes nothing.',
    );
    expect(markdown).not.toContain('overridden');
  });
});
