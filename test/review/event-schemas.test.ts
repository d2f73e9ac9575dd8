import { afterAll, describe, expect, it } from '@jest/globals';
import { type FileMap, memoryChange, memoryHistory } from '../../src/core/memory-snapshot.js';
import { reviewChange } from '../../src/review/run.js';
import type { Finding } from '../../src/core/review.js';
import { testExtractors } from '../support/extractors.js';
import { testReplayer } from '../support/replayer.js';

const replayer = testReplayer();
const extractors = testExtractors(replayer);
afterAll(() => replayer.close());

const CONSUMERS = `consumers:
  - name: Warehouse picking
    contact: "@acme/fulfilment"
    enforcement: blocking
    uses: [order_id, channel]
  - name: Revenue analytics
    contact: "@acme/analytics"
    enforcement: advisory
    uses: [customer.email]
`;

function contract(asset: string, fields: string, consumers = CONSUMERS): string {
  return `id: order-placed\nasset:\n${asset}fields:\n${fields}${consumers}`;
}

const AVRO_ASSET = '  type: avro\n  name: com.acme.OrderPlaced\n  source: schemas/*.avsc\n';
const AVRO_FIELDS = `  - name: order_id
    type: long
    required: true
  - name: customer.email
    type: string
    required: true
  - name: channel
    type: string
    enum: [WEB, APP]
`;

function avro(fields: string[], channel = '"symbols": ["WEB", "APP"]'): string {
  return [
    '{',
    '  "type": "record", "name": "OrderPlaced", "namespace": "com.acme",',
    '  "fields": [',
    ['    { "name": "order_id", "type": "long" }', ...fields, `    { "name": "channel", "type": { "type": "enum", "name": "Channel", ${channel} } }`].join(',\n'),
    '  ]',
    '}',
  ].join('\n');
}

const CUSTOMER = '    { "name": "customer", "type": { "type": "record", "name": "Customer", "fields": [ { "name": "email", "type": "string" } ] } }';

async function review(base: FileMap, head: FileMap, history?: FileMap[]) {
  const change = { ...memoryChange(base, head), ...(history ? { history: memoryHistory(history) } : {}) };
  const result = await reviewChange(change, extractors);
  expect(result.errors).toEqual([]);
  return result;
}

function avroCommit(schema: string, asset = AVRO_ASSET): FileMap {
  return { 'contracts/order-placed.yaml': contract(asset, AVRO_FIELDS), 'schemas/order-placed.avsc': schema };
}

const rulesOf = (findings: Finding[]) => findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.field ?? ''}`.trim());

describe('Avro events judged by the contract', () => {
  const BASE = avro([CUSTOMER]);

  it('finds a removed nested field at the line of its record, blocking only its consumers', async () => {
    const head = avro(['    { "name": "customer", "type": { "type": "record", "name": "Customer", "fields": [] } }']);
    const result = await review(avroCommit(BASE), avroCommit(head));
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'field-removed', severity: 'advisory', field: 'customer.email', file: 'schemas/order-placed.avsc', line: 5 }),
    ]);
    expect(result.findings[0]?.consumers.map((consumer) => consumer.name)).toEqual(['Revenue analytics']);
    expect(result.conclusion).toBe('neutral');
  });

  it('finds a required field made optional, at its line', async () => {
    const head = avro(['    { "name": "customer", "type": { "type": "record", "name": "Customer", "fields": [ { "name": "email", "type": ["null", "string"], "default": null } ] } }']);
    const { findings } = await review(avroCommit(BASE), avroCommit(head));
    expect(rulesOf(findings)).toEqual(['field-made-nullable advisory customer.email', 'field-default-changed info customer.email']);
    expect(findings[0]).toMatchObject({ before: 'required', after: 'optional', line: 5 });
    expect(findings[0]?.message).toBe('Field "customer.email" of com.acme.OrderPlaced is now optional; the contract marks it required.');
  });

  it('blocks a type the contract cannot read and an enum symbol removed', async () => {
    const head = avro([CUSTOMER], '"symbols": ["WEB"]').replace('"name": "order_id", "type": "long"', '"name": "order_id", "type": "string"');
    const { findings, conclusion } = await review(avroCommit(BASE), avroCommit(head));
    expect(rulesOf(findings)).toEqual(['field-type-changed blocking order_id', 'enum-value-removed blocking channel']);
    expect(findings[0]).toMatchObject({ before: 'long', after: 'string', line: 4 });
    expect(conclusion).toBe('failure');
  });

  it('blocks a symbol added to an exhaustive enum, unless the enum has a default', async () => {
    const added = avro([CUSTOMER], '"symbols": ["WEB", "APP", "KIOSK"]');
    expect(rulesOf((await review(avroCommit(BASE), avroCommit(added))).findings)).toEqual(['enum-value-added blocking channel']);
    const withDefault = (symbols: string) => avro([CUSTOMER], `"symbols": [${symbols}], "default": "WEB"`);
    const { findings } = await review(avroCommit(withDefault('"WEB", "APP"')), avroCommit(withDefault('"WEB", "APP", "KIOSK"')));
    expect(rulesOf(findings)).toEqual(['enum-value-added info channel']);
    expect(findings[0]?.message).toContain(`read it as 'WEB', the enum's default`);
  });

  it('reports a field renamed with an alias once, as a rename', async () => {
    const head = BASE.replace('"name": "order_id", "type": "long"', '"name": "id", "aliases": ["order_id"], "type": "long"');
    const { findings } = await review(avroCommit(BASE), avroCommit(head));
    expect(rulesOf(findings)).toEqual(['field-renamed blocking order_id']);
    expect(findings[0]).toMatchObject({ before: 'order_id', after: 'id', line: 4 });
  });

  it.each([
    ['documentation changed', BASE.replace('"namespace": "com.acme",', '"namespace": "com.acme", "doc": "Placed orders.",')],
    ['fields reordered', avro([CUSTOMER]).replace(/(    \{ "name": "order_id"[^\n]*\n)(    \{ "name": "customer"[^\n]*\n)/, '$2$1')],
    ['an equivalent spelling', BASE.replace('"type": "long"', '"type": { "type": "long" }')],
  ])('stays quiet when %s', async (_case, head) => {
    expect(head).not.toBe(BASE);
    const result = await review(avroCommit(BASE), avroCommit(head));
    expect(result.findings).toEqual([]);
    expect(result.conclusion).toBe('success');
  });

  it('lists an optional field added with a default for information only', async () => {
    const head = avro([CUSTOMER, '    { "name": "coupon", "type": ["null", "string"], "default": null }']);
    const result = await review(avroCommit(BASE, `${AVRO_ASSET}  compatibility: FULL\n`), avroCommit(head, `${AVRO_ASSET}  compatibility: FULL\n`));
    expect(rulesOf(result.findings)).toEqual(['field-added info coupon']);
    expect(result.conclusion).toBe('success');
  });
});

describe('compatibility modes', () => {
  const V1 = avro([CUSTOMER]);
  const V2 = avro([CUSTOMER, '    { "name": "coupon", "type": "string", "default": "" }']);
  const withMode = (schema: string, mode: string) => avroCommit(schema, `${AVRO_ASSET}  compatibility: ${mode}\n`);

  it('checks the mode against the base, blaming every consumer, at the schema line', async () => {
    const head = avro([CUSTOMER, '    { "name": "coupon", "type": "string" }']);
    const { findings } = await review(withMode(V1, 'BACKWARD'), withMode(head, 'BACKWARD'));
    const problem = findings.find((finding) => finding.rule === 'avro-field-missing-default');
    expect(problem).toMatchObject({ severity: 'blocking', field: 'coupon', file: 'schemas/order-placed.avsc', line: 6 });
    expect(problem?.consumers).toHaveLength(2);
    expect(problem?.message).toMatch(/^BACKWARD: consumers on the head schema cannot read data written with the base version\./);
  });

  it('checks each direction apart: a narrowing breaks new readers of old data, not old readers of new data', async () => {
    const head = V1.replace('"name": "order_id", "type": "long"', '"name": "order_id", "type": "int"');
    const backward = await review(withMode(V1, 'BACKWARD'), withMode(head, 'BACKWARD'));
    const forward = await review(withMode(V1, 'FORWARD'), withMode(head, 'FORWARD'));
    expect(backward.findings.filter((finding) => finding.rule.startsWith('avro-'))).toEqual([
      expect.objectContaining({ rule: 'avro-type-mismatch', field: 'order_id', line: 4 }),
    ]);
    expect(forward.findings.filter((finding) => finding.rule.startsWith('avro-'))).toEqual([]);
  });

  it('checks transitive modes against every earlier version, and says when the history is missing', async () => {
    // V1 → V2 added "coupon" with a default; the head drops the default, which V2's data never needed.
    const head = avro([CUSTOMER, '    { "name": "coupon", "type": "string" }']);
    const history = [withMode(V1, 'FORWARD_TRANSITIVE')];
    const transitive = await review(withMode(V2, 'BACKWARD_TRANSITIVE'), withMode(head, 'BACKWARD_TRANSITIVE'), history);
    const problems = transitive.findings.filter((finding) => finding.rule.startsWith('avro-'));
    expect(problems).toEqual([expect.objectContaining({ rule: 'avro-field-missing-default', severity: 'blocking' })]);
    expect(problems[0]?.message).toContain('the earlier version at earlier-1');
    expect(transitive.findings.some((finding) => finding.rule === 'compatibility-history-incomplete')).toBe(false);

    const plain = await review(withMode(V2, 'BACKWARD'), withMode(head, 'BACKWARD'));
    expect(plain.findings.filter((finding) => finding.rule.startsWith('avro-'))).toEqual([]);

    const blind = await review(withMode(V2, 'BACKWARD_TRANSITIVE'), withMode(head, 'BACKWARD_TRANSITIVE'));
    expect(blind.findings).toContainEqual(expect.objectContaining({ rule: 'compatibility-history-incomplete', severity: 'info' }));
  });

  it('reports an incompatibility the base already had with an earlier version as drift', async () => {
    const broken = avro([CUSTOMER, '    { "name": "coupon", "type": "string" }']);
    const head = broken.replace('"namespace": "com.acme",', '"namespace": "com.acme", "doc": "Placed orders.",');
    const { findings, conclusion } = await review(withMode(broken, 'BACKWARD_TRANSITIVE'), withMode(head, 'BACKWARD_TRANSITIVE'), [
      withMode(V1, 'BACKWARD_TRANSITIVE'),
    ]);
    expect(rulesOf(findings)).toEqual(['avro-field-missing-default drift coupon']);
    expect(conclusion).toBe('success');
  });

  it('reports a schema file the head broke as an error at its line', async () => {
    const { findings, conclusion } = await review(withMode(V1, 'FULL'), withMode(V1.replace('"type": "long"', '"type": "lnog"'), 'FULL'));
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema-invalid', severity: 'error', file: 'schemas/order-placed.avsc', line: 4, consumers: [] })]);
    expect(conclusion).toBe('failure');
  });
});

describe('Protobuf events judged by the contract', () => {
  const ASSET = '  type: protobuf\n  name: acme.orders.OrderPlaced\n  source: proto/**/*.proto\n';
  const FIELDS = '  - name: order_id\n    type: integer\n    required: true\n  - name: channel\n    enum: [CHANNEL_UNSPECIFIED, WEB, APP]\n';
  const proto = (body: string) => `syntax = "proto3";\npackage acme.orders;\n\nenum Channel {\n  CHANNEL_UNSPECIFIED = 0;\n  WEB = 1;\n  APP = 2;\n}\n\nmessage OrderPlaced {\n${body}}\n`;
  const commit = (body: string, extra = '') => ({
    'contracts/order-placed.yaml': contract(`${ASSET}${extra}`, FIELDS, 'consumers:\n  - name: Warehouse picking\n    contact: "@acme/fulfilment"\n    enforcement: blocking\n'),
    'proto/acme/orders/order_placed.proto': proto(body),
  });
  const BASE = '  int64 order_id = 1;\n  Channel channel = 2;\n  string note = 3;\n';

  it('catches a field number reused by another field, at its line', async () => {
    const head = '  string order_ref = 1;\n  Channel channel = 2;\n  string note = 3;\n';
    const { findings } = await review(commit(BASE, '  compatibility: BACKWARD\n'), commit(head, '  compatibility: BACKWARD\n'));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'field-renamed', field: 'order_id', after: 'order_ref', severity: 'blocking', line: 11 }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'field-type-changed', field: 'order_id', severity: 'blocking', line: 11 }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'protobuf-field-wire-json-compatible-type', severity: 'blocking', line: 11 }));
  });

  it('stays quiet when fields are reordered in the file and comments change', async () => {
    const head = '  // the channel the order came from\n  Channel channel = 2;\n  int64 order_id = 1;\n  string note = 3;\n';
    const result = await review(commit(BASE, '  compatibility: FULL\n'), commit(head, '  compatibility: FULL\n'));
    expect(result.findings).toEqual([]);
  });
});
