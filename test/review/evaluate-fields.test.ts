import { describe, expect, it } from '@jest/globals';
import { CONTRACT_FILE, comparison, contract, evaluate, field, renamed, summary, table, tableShapedAt } from './fixtures.js';

const dropEmail = { file: 'db/migrations/002.sql', line: 2 };

describe('removed and renamed fields', () => {
  const users = contract([{ name: 'email', type: 'string', required: true }]);
  const base = table(field('id', 'int8'), field('email', 'text', { nullable: false }));

  it('blocks when a contracted field is removed, pointing at the statement that removed it', () => {
    const findings = evaluate(users, comparison(base, table(field('id', 'int8')), { fieldRemovedAt: { email: dropEmail } }));
    expect(findings).toEqual([
      {
        contract: 'orders',
        rule: 'field-removed',
        severity: 'blocking',
        field: 'email',
        before: 'text',
        file: dropEmail.file,
        line: 2,
        consumers: [{ name: 'Finance dashboards', contact: '@acme/analytics', enforcement: 'blocking' }],
        message: 'Column "email" of public.orders was removed; the contract still names it.',
      },
    ]);
  });

  it('points at the contract line of the field when it cannot tell where the field was removed', () => {
    const [finding] = evaluate(users, comparison(base, table(field('id', 'int8'))));
    expect(finding).toMatchObject({ rule: 'field-removed', file: CONTRACT_FILE, line: 10 });
  });

  it('points a finding on a field no contract names at the table\'s statement, else at the contract\'s asset line', () => {
    const email = field('email', 'text', { nullable: false });
    const withNote = table(field('id', 'int8'), email, field('note', 'text'));
    const [untracked] = evaluate(users, comparison(withNote, table(field('id', 'int8'), email)));
    expect(untracked).toMatchObject({ rule: 'field-removed', field: 'note', severity: 'info', file: CONTRACT_FILE, line: 4 });
    const [tracked] = evaluate(users, comparison(withNote, tableShapedAt({ file: '003.sql', line: 2 }, field('id', 'int8'), email)));
    expect(tracked).toMatchObject({ rule: 'field-removed', field: 'note', file: '003.sql', line: 2 });
  });

  it('reports a renamed contracted field as one rename, not a removal and an addition', () => {
    const head = table(field('id', 'int8'), field('email_address', 'text', { nullable: false }));
    const rename = renamed('email', 'email_address', { file: 'db/migrations/002.sql', line: 5 });
    const findings = evaluate(users, comparison(base, head, { fieldRenames: [rename] }));
    expect(findings).toEqual([
      {
        contract: 'orders',
        rule: 'field-renamed',
        severity: 'blocking',
        field: 'email',
        before: 'email',
        after: 'email_address',
        file: 'db/migrations/002.sql',
        line: 5,
        consumers: [{ name: 'Finance dashboards', contact: '@acme/analytics', enforcement: 'blocking' }],
        message: 'Column "email" of public.orders was renamed to "email_address"; the contract still names "email".',
      },
    ]);
  });

  it('still judges the type and nullability of a renamed field', () => {
    const head = table(field('id', 'int8'), field('email_address', 'int4', { nullable: true }));
    const findings = evaluate(users, comparison(base, head, { fieldRenames: [renamed('email', 'email_address')] }));
    expect(summary(findings)).toEqual([
      'field-renamed blocking email',
      'field-type-changed blocking email',
      'field-made-nullable blocking email',
    ]);
  });

  it('lists a field added under the old name of a renamed one as an addition', () => {
    const head = table(field('id', 'int8'), field('email_address', 'text', { nullable: false }), field('email', 'text'));
    const findings = evaluate(users, comparison(base, head, { fieldRenames: [renamed('email', 'email_address')] }));
    expect(summary(findings)).toEqual(['field-renamed blocking email', 'field-added info email']);
  });

  it('reports a contracted field missing at the base as drift, once, at its contract line', () => {
    const findings = evaluate(users, comparison(table(field('id', 'int8')), table(field('id', 'int8'), field('note', 'text'))));
    expect(summary(findings)).toEqual(['field-missing drift email', 'field-added info note']);
    expect(findings[0]).toMatchObject({
      file: CONTRACT_FILE,
      line: 10,
      message: 'At the base commit, column "email" of public.orders does not exist, though the contract names it.',
    });
  });
});

describe('types', () => {
  const orders = contract([{ name: 'amount', type: 'numeric(12,2)' }]);
  const base = table(field('amount', 'numeric(12,2)'));

  it('blocks a type the contract cannot hold', () => {
    const findings = evaluate(orders, comparison(base, table(field('amount', 'text', { origin: { file: 'm.sql', line: 9 } }))));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-type-changed',
        severity: 'blocking',
        before: 'numeric(12,2)',
        after: 'text',
        file: 'm.sql',
        line: 9,
        message:
          'Column "amount" of public.orders changed type from numeric(12,2) to text, from the decimal and floating point family to the text family, which the contract\'s numeric(12,2) cannot hold.',
      }),
    ]);
  });

  it('blocks a narrowing the contract still holds', () => {
    const findings = evaluate(orders, comparison(base, table(field('amount', 'numeric(10,2)'))));
    expect(summary(findings)).toEqual(['field-type-narrowed blocking amount']);
  });

  it('lists a pure widening a portable contract type still holds as information', () => {
    const portable = contract([{ name: 'amount', type: 'decimal' }]);
    const findings = evaluate(portable, comparison(base, table(field('amount', 'numeric(14,2)'))));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-type-widened',
        severity: 'info',
        message: 'Column "amount" of public.orders was widened from numeric(12,2) to numeric(14,2); the contract\'s decimal still holds it.',
      }),
    ]);
  });

  it('lists a pure widening as information even when the contract names the narrower type, and asks for an update', () => {
    const findings = evaluate(orders, comparison(base, table(field('amount', 'numeric(14,2)'))));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-type-widened',
        severity: 'info',
        before: 'numeric(12,2)',
        after: 'numeric(14,2)',
        message:
          'Column "amount" of public.orders was widened from numeric(12,2) to numeric(14,2); every value reads as before, but the contract\'s numeric(12,2) is now narrower than the column: update the contract.',
      }),
    ]);
  });

  it.each([
    ['numeric(10,2)', 'numeric(10,2)', 'numeric(12,2)'],
    ['varchar(64)', 'varchar(64)', 'varchar(128)'],
    ['varchar(64)', 'varchar(64)', 'text'],
    ['character varying(64)', 'varchar(64)', 'text'],
    ['int', 'int4', 'int8'],
    ['int4', 'int4', 'int8'],
    ['INTEGER', 'int4', 'int8'],
    ['integer', 'int4', 'int8'],
    ['smallint', 'int2', 'int4'],
  ])('lists widening a contracted %s from %s to %s as information', (contractType, before, after) => {
    const typed = contract([{ name: 'amount', type: contractType }]);
    const findings = evaluate(typed, comparison(table(field('amount', before)), table(field('amount', after))));
    expect(summary(findings)).toEqual(['field-type-widened info amount']);
  });

  it('still blocks a change that is no widening and that the contract\'s type cannot hold', () => {
    const short = contract([{ name: 'code', type: 'varchar(64)' }]);
    const findings = evaluate(short, comparison(table(field('code', 'varchar(64)')), table(field('code', 'int4'))));
    expect(summary(findings)).toEqual(['field-type-changed blocking code']);
  });

  it('reads every spelling of integer in a contract alike', () => {
    const bigintBase = table(field('amount', 'int8'), field('note', 'text'));
    for (const spelling of ['int', 'int4', 'INTEGER', 'integer', 'serial']) {
      const findings = evaluate(contract([{ name: 'amount', type: spelling }]), comparison(bigintBase, bigintBase));
      expect(findings).toEqual([]);
    }
  });

  it('lists a type change as information when the contract gives no type', () => {
    const untyped = contract([{ name: 'amount' }]);
    expect(summary(evaluate(untyped, comparison(base, table(field('amount', 'text')))))).toEqual(['field-type-changed info amount']);
  });

  it('reports a type the base already breaks as drift, and not again at head', () => {
    const integer = contract([{ name: 'amount', type: 'integer' }]);
    const findings = evaluate(integer, comparison(base, table(field('amount', 'numeric(12,2)'), field('note', 'text'))));
    expect(summary(findings)).toEqual(['field-type-mismatch drift amount', 'field-added info note']);
    expect(findings[0]).toMatchObject({ before: 'integer', after: 'numeric(12,2)', file: CONTRACT_FILE, line: 10 });
  });

  it('points drift at the base statement that shaped the field when it is known', () => {
    const integer = contract([{ name: 'amount', type: 'integer' }]);
    const shaped = table(field('amount', 'numeric(12,2)', { origin: { file: '001.sql', line: 3 } }));
    const [finding] = evaluate(integer, comparison(shaped, shaped));
    expect(finding).toMatchObject({ rule: 'field-type-mismatch', file: '001.sql', line: 3 });
  });

  it('never reports equivalent spellings', () => {
    const spelled = contract([
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'character varying(64)' },
      { name: 'created_at', type: 'timestamp with time zone' },
      { name: 'status', type: 'public.order_status' },
    ]);
    const base = table(
      field('id', 'int8'),
      field('name', 'varchar(64)'),
      field('created_at', 'timestamptz'),
      field('status', 'order_status', { allowedValues: ['a', 'b'], allowedValuesFrom: 'enum' }),
    );
    const head = table(
      field('status', 'order_status', { allowedValues: ['b', 'a'], allowedValuesFrom: 'enum' }),
      field('created_at', 'timestamp with time zone'),
      field('name', 'character varying(64)'),
      field('id', 'bigint'),
    );
    expect(evaluate(spelled, comparison(base, head))).toEqual([]);
  });

  it('reads an enum type as a string', () => {
    const stringly = contract([{ name: 'status', type: 'string' }]);
    const status = field('status', 'public.order_status', { allowedValues: ['a'], allowedValuesFrom: 'enum' });
    expect(evaluate(stringly, comparison(table(status), table(status)))).toEqual([]);
  });
});

describe('nullability', () => {
  const required = contract([{ name: 'status', required: true }]);

  it('blocks a required field made nullable', () => {
    const findings = evaluate(required, comparison(table(field('status', 'text', { nullable: false })), table(field('status', 'text'))));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-made-nullable',
        severity: 'blocking',
        before: 'NOT NULL',
        after: 'nullable',
        message: 'Column "status" of public.orders now allows NULL; the contract marks it required.',
      }),
    ]);
  });

  it('lists a field the contract does not mark required made nullable as information', () => {
    const optional = contract([{ name: 'status' }]);
    const findings = evaluate(optional, comparison(table(field('status', 'text', { nullable: false })), table(field('status', 'text'))));
    expect(summary(findings)).toEqual(['field-made-nullable info status']);
  });

  it('reports a required field already nullable at the base as drift, once', () => {
    const findings = evaluate(required, comparison(table(field('status', 'text')), table(field('status', 'text'))));
    expect(summary(findings)).toEqual(['field-not-required drift status']);
  });

  it('finds nothing when a field becomes NOT NULL', () => {
    const findings = evaluate(required, comparison(table(field('status', 'text')), table(field('status', 'text', { nullable: false }))));
    expect(summary(findings)).toEqual(['field-not-required drift status']);
  });
});

describe('keys', () => {
  const keyed = contract([{ name: 'id', primaryKey: true, unique: true }]);
  const primary = field('id', 'int8', { nullable: false, primaryKey: true });

  it('blocks a primary key the contract relies on being dropped', () => {
    const findings = evaluate(keyed, comparison(table(primary), table(field('id', 'int8', { nullable: false }))));
    expect(summary(findings)).toEqual(['primary-key-removed blocking id', 'unique-removed blocking id']);
    expect(findings[0]?.message).toBe(
      'Column "id" of public.orders is no longer part of the primary key; the contract marks it primaryKey.',
    );
  });

  it('counts a single-column primary key as unique, but not one column of a composite key', () => {
    expect(evaluate(keyed, comparison(table(primary), table(primary)))).toEqual([]);
    const composite = table(primary, field('line', 'int4', { nullable: false, primaryKey: true }));
    expect(summary(evaluate(keyed, comparison(composite, composite)))).toEqual(['unique-missing drift id']);
  });

  it('blocks a unique constraint the contract relies on being dropped', () => {
    const unique = contract([{ name: 'email', unique: true }]);
    const findings = evaluate(unique, comparison(table(field('email', 'text', { unique: true })), table(field('email', 'text'))));
    expect(summary(findings)).toEqual(['unique-removed blocking email']);
  });

  it('reports keys the base already lacks as drift', () => {
    const findings = evaluate(keyed, comparison(table(field('id', 'int8')), table(field('id', 'int8'))));
    expect(summary(findings)).toEqual(['primary-key-missing drift id', 'unique-missing drift id']);
  });
});

describe('defaults and additions', () => {
  const orders = contract([{ name: 'status', type: 'string' }]);

  it('lists a changed default as information', () => {
    const findings = evaluate(
      orders,
      comparison(table(field('status', 'text', { default: "'pending'::text" })), table(field('status', 'text', { default: "'new'::text" }))),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-default-changed',
        severity: 'info',
        before: "'pending'::text",
        after: "'new'::text",
        message: 'Column "status" of public.orders changed its default from \'pending\'::text to \'new\'::text.',
      }),
    ]);
  });

  it('lists an added field as information', () => {
    const findings = evaluate(orders, comparison(table(field('status', 'text')), table(field('status', 'text'), field('note', 'character varying(10)'))));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'field-added',
        severity: 'info',
        field: 'note',
        after: 'varchar(10)',
        consumers: [],
        message: 'Column "note" was added to public.orders.',
      }),
    ]);
  });

  it('never reports reordered fields', () => {
    const base = table(field('id', 'int8'), field('status', 'text'), field('note', 'text'));
    const head = table(field('note', 'text'), field('id', 'int8'), field('status', 'text'));
    expect(evaluate(orders, comparison(base, head))).toEqual([]);
  });
});

describe('fields no contract names', () => {
  const orders = contract([{ name: 'id', type: 'bigint' }]);

  it('lists every change to them as information, naming no consumer', () => {
    const base = table(
      field('id', 'int8'),
      field('legacy', 'text'),
      field('code', 'varchar(8)', { nullable: false, default: "'x'::character varying" }),
      field('kind', 'text', { allowedValues: ['a', 'b'], allowedValuesFrom: 'check' }),
      field('old_name', 'text'),
    );
    const head = table(
      field('id', 'int8'),
      field('code', 'varchar(4)'),
      field('kind', 'text', { allowedValues: ['a', 'c'], allowedValuesFrom: 'check' }),
      field('new_name', 'text'),
    );
    const findings = evaluate(orders, comparison(base, head, { fieldRenames: [renamed('old_name', 'new_name')] }));
    expect(summary(findings)).toEqual([
      'field-removed info legacy',
      'field-type-narrowed info code',
      'field-made-nullable info code',
      'field-default-changed info code',
      'enum-value-removed info kind',
      'enum-value-added info kind',
      'field-renamed info old_name',
    ]);
    expect(findings.every((finding) => finding.consumers.length === 0)).toBe(true);
    expect(findings[0]?.message).toBe('Column "legacy" of public.orders was removed.');
  });
});
