import { describe, expect, it } from '@jest/globals';
import { compareContracts, type ContractChange, type TypeMove } from '../../src/contracts/agreement.js';
import { type Contract, contractSchema } from '../../src/contracts/schema.js';

const FINANCE = { name: 'Finance', contact: '@acme/analytics', enforcement: 'blocking' as const };
const CHURN = { name: 'Churn', contact: '@jane', enforcement: 'advisory' as const, uses: ['status'] };

function contract(overrides: Record<string, unknown> = {}): Contract {
  return contractSchema.parse({
    id: 'orders',
    owner: '@acme/checkout',
    asset: { type: 'postgres', name: 'public.orders', source: 'db/**/*.sql' },
    fields: [
      { name: 'id', type: 'bigint', required: true, primaryKey: true },
      { name: 'status', enum: ['paid', 'shipped'] },
      { name: 'amount', type: 'integer' },
    ],
    consumers: [FINANCE, CHURN],
    ...overrides,
  });
}

/** integer < bigint < number in what they hold; anything else is another kind of value. */
const typeMove: TypeMove = (before, after) => {
  const order = ['integer', 'bigint', 'number'];
  if (before === after) return 'same';
  const [from, to] = [order.indexOf(before), order.indexOf(after)];
  if (from < 0 || to < 0) return 'other';
  return to > from ? 'looser' : 'tighter';
};

/** `rule field: consent` for each change, the consent as the contacts or the owner asked. */
function summary(changes: ContractChange[]): string[] {
  return changes.map((change) => {
    const who = change.consent.from === 'owner' ? `owner ${change.consent.owner ?? '(none)'}` : change.consent.consumers.map((consumer) => consumer.contact).join(' ') || 'no one';
    return `${change.rule}${change.field ? ` ${change.field}` : ''}: ${who}`;
  });
}

const fields = (base: Contract) => base.fields.map((field) => ({ ...field }));

describe('a contract compared at base and head', () => {
  it('finds nothing when only names, descriptions, channels and versions change', () => {
    const head = contract({ name: 'Orders', description: 'All orders', version: '2.0.0', consumers: [{ ...FINANCE, channel: '#finance' }, CHURN] });
    expect(compareContracts(contract(), head, typeMove)).toEqual([]);
  });

  it('asks the owner for a new contract, and every consumer for a removed one', () => {
    expect(summary(compareContracts(undefined, contract(), typeMove))).toEqual(['contract-added: owner @acme/checkout']);
    expect(summary(compareContracts(contract(), undefined, typeMove))).toEqual(['contract-removed: @acme/analytics @jane']);
  });

  it('asks the consumers that relied on a field for its removal, and only them', () => {
    const head = contract({ fields: fields(contract()).filter((field) => field.name !== 'amount') });
    expect(summary(compareContracts(contract(), head, typeMove))).toEqual(['contract-field-removed amount: @acme/analytics']);
    const noStatus = contract({ fields: fields(contract()).filter((field) => field.name !== 'status') });
    expect(summary(compareContracts(contract(), noStatus, typeMove))).toEqual(['contract-field-removed status: @acme/analytics @jane']);
  });

  it('asks the owner for a new field and for each tightened guarantee', () => {
    const head = contract({
      fields: [
        { name: 'id', type: 'bigint', required: true, primaryKey: true },
        { name: 'status', enum: ['paid'], required: true },
        { name: 'amount', type: 'integer', unique: true },
        { name: 'note' },
      ],
    });
    expect(summary(compareContracts(contract(), head, typeMove))).toEqual([
      'contract-required-added status: owner @acme/checkout',
      'contract-enum-narrowed status: owner @acme/checkout',
      'contract-key-added amount: owner @acme/checkout',
      'contract-field-added note: owner @acme/checkout',
    ]);
  });

  it('asks the relying consumers for each loosened guarantee', () => {
    const head = contract({
      fields: [
        { name: 'id', type: 'bigint' },
        { name: 'status', enum: ['paid', 'shipped', 'refunded'] },
        { name: 'amount', type: 'number' },
      ],
    });
    expect(summary(compareContracts(contract(), head, typeMove))).toEqual([
      'contract-required-removed id: @acme/analytics',
      'contract-key-removed id: @acme/analytics',
      'contract-enum-widened status: @acme/analytics @jane',
      'contract-type-loosened amount: @acme/analytics',
    ]);
  });

  it('reads a type moving to one that holds fewer values as tightened, and to another kind as loosened', () => {
    const typed = (type: string | undefined) => contract({ fields: [...fields(contract()).slice(0, 2), { name: 'amount', ...(type ? { type } : {}) }] });
    expect(summary(compareContracts(typed('bigint'), typed('integer'), typeMove))).toEqual(['contract-type-tightened amount: owner @acme/checkout']);
    expect(summary(compareContracts(typed('integer'), typed('text'), typeMove))).toEqual(['contract-type-loosened amount: @acme/analytics']);
    expect(summary(compareContracts(typed('integer'), typed(undefined), typeMove))).toEqual(['contract-type-loosened amount: @acme/analytics']);
    expect(summary(compareContracts(typed(undefined), typed('integer'), typeMove))).toEqual(['contract-type-tightened amount: owner @acme/checkout']);
  });

  it('asks a consumer itself when it is relaxed, removed, re-contacted or relies on less', () => {
    const relaxed = contract({ consumers: [{ ...FINANCE, enforcement: 'advisory' }, CHURN] });
    expect(summary(compareContracts(contract(), relaxed, typeMove))).toEqual(['contract-consumer-relaxed: @acme/analytics']);
    const gone = contract({ consumers: [FINANCE] });
    expect(summary(compareContracts(contract(), gone, typeMove))).toEqual(['contract-consumer-relaxed: @jane']);
    const moved = contract({ consumers: [{ ...FINANCE, contact: '@acme/finance' }, CHURN] });
    expect(summary(compareContracts(contract(), moved, typeMove))).toEqual(['contract-consumer-relaxed: @acme/analytics']);
    const narrower = contract({ consumers: [{ ...FINANCE, uses: ['id'] }, CHURN] });
    const changes = compareContracts(contract(), narrower, typeMove);
    expect(summary(changes)).toEqual(['contract-uses-dropped: @acme/analytics']);
    expect(changes[0]!.message).toBe('Consumer "Finance" no longer relies on status, amount: changes to them will not stop at it.');
  });

  it('asks the owner for a new blocking consumer, and no one for a new advisory one', () => {
    const newBlocking = contract({ consumers: [FINANCE, CHURN, { name: 'Warehouse', contact: '@acme/wms', enforcement: 'blocking' }] });
    expect(summary(compareContracts(contract(), newBlocking, typeMove))).toEqual(['contract-consumer-added: owner @acme/checkout']);
    const newAdvisory = contract({ consumers: [FINANCE, CHURN, { name: 'Warehouse', contact: '@acme/wms', enforcement: 'advisory' }] });
    expect(compareContracts(contract(), newAdvisory, typeMove)).toEqual([]);
    const promoted = contract({ consumers: [FINANCE, { ...CHURN, enforcement: 'blocking' }] });
    expect(summary(compareContracts(contract(), promoted, typeMove))).toEqual(['contract-consumer-added: owner @acme/checkout']);
  });

  it('reads the status, the asset, the compatibility mode and the owner', () => {
    expect(summary(compareContracts(contract(), contract({ status: 'draft' }), typeMove))).toEqual(['contract-status-relaxed: @acme/analytics @jane']);
    expect(summary(compareContracts(contract(), contract({ status: 'deprecated' }), typeMove))).toEqual(['contract-status-relaxed: @acme/analytics @jane']);
    expect(summary(compareContracts(contract({ status: 'draft' }), contract(), typeMove))).toEqual(['contract-status-tightened: owner @acme/checkout']);
    const moved = contract({ asset: { type: 'postgres', name: 'public.orders_v2', source: 'db/**/*.sql' } });
    expect(summary(compareContracts(contract(), moved, typeMove))).toEqual(['contract-asset-changed: @acme/analytics @jane']);
    const event = (compatibility?: string) =>
      contract({ asset: { type: 'avro', name: 'com.acme.Order', source: 'schemas/*.avsc', ...(compatibility ? { compatibility } : {}) } });
    expect(summary(compareContracts(event('FULL'), event('BACKWARD'), typeMove))).toEqual(['contract-compatibility-relaxed: @acme/analytics @jane']);
    expect(summary(compareContracts(event('BACKWARD'), event('FORWARD'), typeMove))).toEqual(['contract-compatibility-relaxed: @acme/analytics @jane']);
    expect(summary(compareContracts(event(), event('BACKWARD_TRANSITIVE'), typeMove))).toEqual(['contract-compatibility-tightened: owner @acme/checkout']);
    expect(summary(compareContracts(contract(), contract({ owner: '@acme/payments' }), typeMove))).toEqual(['contract-owner-changed: owner @acme/payments']);
  });

  it('points at the head file, or at the base file for what the head no longer has', () => {
    const head = contract({ fields: [{ name: 'id', type: 'bigint', required: true, primaryKey: true }, { name: 'status', enum: ['paid'] }] });
    expect(compareContracts(contract(), head, typeMove).map((change) => change.at)).toEqual([
      { version: 'head', path: ['fields', 1, 'enum'] },
      { version: 'base', path: ['fields', 2, 'name'] },
    ]);
  });
});
