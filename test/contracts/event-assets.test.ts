import { describe, expect, it } from '@jest/globals';
import { loadContracts } from '../../src/contracts/load.js';

const CONSUMERS = 'consumers:\n  - name: Warehouse\n    contact: "@acme/warehouse"\n    enforcement: blocking\n';

function load(asset: string) {
  const text = `id: events\nasset:\n${asset}${CONSUMERS}`;
  return loadContracts([{ path: 'contracts/events.yaml', text }]);
}

describe('event-schema assets in contracts', () => {
  it('reads the compatibility mode, the protobuf level and the registry subject', () => {
    const { contracts, errors } = load(
      '  type: protobuf\n  name: acme.Order\n  source: proto/**/*.proto\n  compatibility: FULL_TRANSITIVE\n  level: WIRE\n  registry:\n    subject: orders-value\n',
    );
    expect(errors).toEqual([]);
    expect(contracts[0]?.contract.asset).toEqual({
      type: 'protobuf',
      name: 'acme.Order',
      source: 'proto/**/*.proto',
      compatibility: 'FULL_TRANSITIVE',
      level: 'WIRE',
      registry: { subject: 'orders-value' },
    });
  });

  it('reports a mode registries do not know, at its line', () => {
    const { errors } = load('  type: avro\n  name: com.acme.Order\n  source: schemas/*.avsc\n  compatibility: BACKWARDS\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'contracts/events.yaml', line: 6 });
    expect(errors[0]?.message).toMatch(/^asset\.compatibility: .*BACKWARD_TRANSITIVE/);
  });

  it.each([
    ['level', 'avro', '  level: WIRE\n', 6, 'asset.level: applies only to asset types protobuf, not to avro'],
    ['policy', 'protobuf', '  policy: strict\n', 6, 'asset.policy: applies only to asset types jsonschema, not to protobuf'],
    ['compatibility', 'postgres', '  compatibility: BACKWARD\n', 6, 'asset.compatibility: applies only to asset types avro, protobuf, jsonschema, not to postgres'],
    ['registry', 'postgres', '  registry:\n    subject: x\n', 7, 'asset.registry: applies only to asset types avro, protobuf, jsonschema, not to postgres'],
  ])('refuses %s on a %s asset, at its line', (_option, type, written, line, message) => {
    const { contracts, errors } = load(`  type: ${type}\n  name: x\n  source: x/*\n${written}`);
    expect(contracts).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line, message })]);
  });

  it('needs a subject when it names a registry', () => {
    const { errors } = load('  type: avro\n  name: com.acme.Order\n  source: schemas/*.avsc\n  registry:\n    url: https://registry.example\n');
    expect(errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^asset\.registry\.subject: /), expect.stringMatching(/^asset\.registry\.url: /)]),
    );
  });
});
