import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RegistrySchema } from '../../src/registry/port.js';
import { type FakeRegistry, startFakeRegistry } from '../support/fake-registry.js';

const record = (fields: object[]): RegistrySchema => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields }),
});
const V1 = record([{ name: 'id', type: 'long' }]);
const ADDED_WITH_DEFAULT = record([{ name: 'id', type: 'long' }, { name: 'note', type: 'string', default: '' }]);
const ADDED_WITHOUT_DEFAULT = record([{ name: 'id', type: 'long' }, { name: 'note', type: 'string' }]);
const REMOVED = record([]);

let registry: FakeRegistry;
beforeEach(async () => {
  registry = await startFakeRegistry();
});
afterEach(() => registry.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${registry.url}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}
const check = (subject: string, schema: RegistrySchema, version = 'latest') =>
  call('POST', `/compatibility/subjects/${subject}/versions/${version}?verbose=true`, { schema: schema.schema });

describe('the fake registry', () => {
  it('registers versions and lists them as the API does', async () => {
    expect(await call('POST', '/subjects/orders-value/versions', { schema: V1.schema })).toEqual({ status: 200, body: { id: 1 } });
    expect(await call('POST', '/subjects/orders-value/versions', { schema: ADDED_WITH_DEFAULT.schema })).toEqual({ status: 200, body: { id: 2 } });
    expect(await call('POST', '/subjects/orders-value/versions', { schema: V1.schema })).toEqual({ status: 200, body: { id: 1 } });
    expect(await call('GET', '/subjects')).toEqual({ status: 200, body: ['orders-value'] });
    expect(await call('GET', '/subjects/orders-value/versions')).toEqual({ status: 200, body: [1, 2] });
    expect(await call('GET', '/subjects/orders-value/versions/latest')).toEqual({
      status: 200,
      body: { subject: 'orders-value', version: 2, id: 2, schema: ADDED_WITH_DEFAULT.schema },
    });
  });

  it('answers unknown subjects, versions and invalid input with the documented error codes', async () => {
    registry.register('orders-value', V1);
    expect(await call('GET', '/subjects/payments-value/versions')).toEqual({ status: 404, body: { error_code: 40401, message: "Subject 'payments-value' not found." } });
    expect(await call('GET', '/subjects/orders-value/versions/7')).toEqual({ status: 404, body: { error_code: 40402, message: 'Version 7 not found.' } });
    expect(await check('orders-value', V1, 'seven')).toMatchObject({ status: 422, body: { error_code: 42202 } });
    expect(await check('orders-value', { schemaType: 'AVRO', schema: '{"type": "lnog"}' })).toMatchObject({ status: 422, body: { error_code: 42201 } });
    expect(await call('PUT', '/config/orders-value', { compatibility: 'SIDEWAYS' })).toMatchObject({ status: 422, body: { error_code: 42203 } });
  });

  it('decides Avro compatibility by the subject level: BACKWARD, FORWARD, FULL and NONE', async () => {
    registry.register('orders-value', V1);
    const verdicts = async () => [
      (await check('orders-value', ADDED_WITHOUT_DEFAULT)).body,
      (await check('orders-value', REMOVED)).body,
      (await check('orders-value', ADDED_WITH_DEFAULT)).body,
    ].map((body) => (body as { is_compatible: boolean }).is_compatible);
    expect(await call('GET', '/config/orders-value')).toMatchObject({ status: 404, body: { error_code: 40408 } });
    expect(await call('GET', '/config/orders-value?defaultToGlobal=true')).toEqual({ status: 200, body: { compatibilityLevel: 'BACKWARD' } });
    expect(await verdicts()).toEqual([false, true, true]);
    for (const [level, expected] of [['FORWARD', [true, false, true]], ['FULL', [false, false, true]], ['NONE', [true, true, true]]] as const) {
      expect(await call('PUT', '/config/orders-value', { compatibility: level })).toEqual({ status: 200, body: { compatibility: level } });
      expect(await call('GET', '/config/orders-value')).toEqual({ status: 200, body: { compatibilityLevel: level } });
      expect(await verdicts()).toEqual(expected);
    }
  });

  it("words Avro incompatibilities as Confluent does, after the registered version's details", async () => {
    registry.register('orders-value', V1);
    expect((await check('orders-value', ADDED_WITHOUT_DEFAULT)).body).toEqual({
      is_compatible: false,
      messages: [
        "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'note' in the new schema has no default value and is missing in the old schema', additionalInfo:'note'}",
        '{oldSchemaVersion: 1}',
        `{oldSchema: '${V1.schema}'}`,
        "{validateFields: 'false', compatibility: 'BACKWARD'}",
      ],
    });
  });

  it('leaves Protobuf and JSON checks to the decide function, telling it the type, both schemas and the level', async () => {
    const asked: unknown[][] = [];
    const protobufRegistry = await startFakeRegistry({ decide: (...question) => (asked.push(question), ['{errorType:"FIELD_REMOVED"}']) });
    try {
      const registered = 'syntax = "proto3"; message Order { int64 id = 1; }';
      const candidate = 'syntax = "proto3"; message Order { }';
      protobufRegistry.register('orders-proto', { schemaType: 'PROTOBUF', schema: registered });
      protobufRegistry.setCompatibility('orders-proto', 'FULL');
      const response = await fetch(`${protobufRegistry.url}/compatibility/subjects/orders-proto/versions/latest`, {
        method: 'POST',
        body: JSON.stringify({ schemaType: 'PROTOBUF', schema: candidate }),
      });
      expect(await response.json()).toEqual({ is_compatible: false });
      expect(asked).toEqual([['PROTOBUF', candidate, registered, 'FULL']]);
    } finally {
      await protobufRegistry.close();
    }
  });

  it('refuses to register an incompatible version', async () => {
    registry.register('orders-value', V1);
    expect(await call('POST', '/subjects/orders-value/versions', { schema: ADDED_WITHOUT_DEFAULT.schema })).toMatchObject({
      status: 409,
      body: { error_code: 40901, message: expect.stringContaining('READER_FIELD_MISSING_DEFAULT_VALUE') },
    });
  });

  it('checks against a given version', async () => {
    registry.register('orders-value', ADDED_WITHOUT_DEFAULT);
    registry.register('orders-value', V1);
    expect((await check('orders-value', ADDED_WITHOUT_DEFAULT, '1')).body).toEqual({ is_compatible: true, messages: [] });
    expect((await check('orders-value', ADDED_WITHOUT_DEFAULT, '2')).body).toMatchObject({ is_compatible: false });
    expect(await check('orders-value', V1, '3')).toMatchObject({ status: 404, body: { error_code: 40402 } });
  });

  it('asks for basic credentials when it has them', async () => {
    const secured = await startFakeRegistry({ username: 'key', password: 'secret' });
    try {
      const response = await fetch(`${secured.url}/subjects`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(await response.json()).toEqual({ error_code: 40101, message: 'Unauthorized' });
    } finally {
      await secured.close();
    }
  });
});
