import { describe, expect, it } from '@jest/globals';
import { ownerOf, parseCodeowners } from '../../src/init/codeowners.js';

const owners = (text: string, ...paths: string[]) => ownerOf(parseCodeowners('.github/CODEOWNERS', text), paths);

describe('the owner CODEOWNERS gives files', () => {
  it('is the first GitHub owner of the last rule that matches, with the rule it comes from', () => {
    const text = '# everyone\n*       @acme/platform\n/db/    @acme/checkout @jane   # the shop\n';
    expect(owners(text, 'db/migrations/V1.sql')).toEqual({
      owner: '@acme/checkout',
      file: '.github/CODEOWNERS',
      line: 3,
      pattern: '/db/',
      others: [],
    });
    expect(owners(text, 'schemas/order.avsc')?.owner).toBe('@acme/platform');
  });

  it('lets a later rule override an earlier one, and a rule without owners leave files unowned', () => {
    expect(owners('/db/ @acme/checkout\n*.sql @acme/dba\n', 'db/V1.sql')?.owner).toBe('@acme/dba');
    expect(owners('*.sql @acme/dba\n/db/ @acme/checkout\n', 'db/V1.sql')?.owner).toBe('@acme/checkout');
    expect(owners('* @acme/platform\n/db/generated/\n', 'db/generated/V1.sql')).toBeUndefined();
  });

  it('skips owners a contract cannot name (e-mail addresses) and negated patterns, which GitHub ignores', () => {
    expect(owners('/db/ dba@acme.com @acme/dba\n', 'db/V1.sql')?.owner).toBe('@acme/dba');
    expect(owners('/db/ dba@acme.com\n', 'db/V1.sql')).toBeUndefined();
    expect(owners('* @acme/platform\n!db/V1.sql @acme/nobody\n', 'db/V1.sql')?.owner).toBe('@acme/platform');
  });

  it('matches as gitignore does, case-sensitively, except that docs/* owns only the files directly in docs/', () => {
    expect(owners('apps/ @acme/apps\n', 'services/apps/db/V1.sql')?.owner).toBe('@acme/apps');
    expect(owners('/apps/ @acme/apps\n', 'services/apps/db/V1.sql')).toBeUndefined();
    expect(owners('**/migrations/*.sql @acme/dba\n', 'a/b/migrations/V1.sql')?.owner).toBe('@acme/dba');
    expect(owners('/DB/ @acme/checkout\n', 'db/V1.sql')).toBeUndefined();
    expect(owners('db/* @acme/checkout\n', 'db/V1.sql')?.owner).toBe('@acme/checkout');
    expect(owners('db/* @acme/checkout\n', 'db/migrations/V1.sql')).toBeUndefined();
  });

  it('keeps a backslash-escaped space in a pattern', () => {
    expect(owners('/my\\ schemas/ @acme/events\n', 'my schemas/order.avsc')?.owner).toBe('@acme/events');
  });

  it('proposes the owner of most files when they differ, and names the others', () => {
    const text = '/db/ @acme/checkout\n/db/billing/ @acme/billing\n';
    const choice = owners(text, 'db/V1.sql', 'db/billing/V2.sql', 'db/V3.sql');
    expect(choice).toMatchObject({ owner: '@acme/checkout', others: ['@acme/billing'] });
    expect(owners(text, 'db/billing/V2.sql', 'db/V1.sql')).toMatchObject({ owner: '@acme/billing', others: ['@acme/checkout'] });
  });
});
