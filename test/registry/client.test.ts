import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RegistrySchema } from '../../src/registry/port.js';
import { ConfluentRegistry, type ConfluentRegistryOptions } from '../../src/registry/client.js';
import { closedLoopbackUrl } from '../support/example-registry.js';
import { type FakeRegistry, type FakeRegistryOptions, startFakeRegistry } from '../support/fake-registry.js';

const record = (fields: object[]): RegistrySchema => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields }),
});
const V1 = record([{ name: 'id', type: 'long' }]);
const WITH_DEFAULT = record([{ name: 'id', type: 'long' }, { name: 'note', type: 'string', default: '' }]);
const ID_REPLACED = record([{ name: 'note', type: 'string' }]);
const PROTO: RegistrySchema = { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message Order { int64 id = 1; }' };
const JSON_SCHEMA: RegistrySchema = { schemaType: 'JSON', schema: '{"type": "object", "properties": {"id": {"type": "integer"}}}' };

let registry: FakeRegistry;
const started: FakeRegistry[] = [];
const start = async (options: FakeRegistryOptions = {}) => {
  const fake = await startFakeRegistry(options);
  started.push(fake);
  fake.register('orders-value', V1);
  return fake;
};
beforeEach(async () => {
  registry = await start();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

const client = (options: Partial<ConfluentRegistryOptions> = {}) => new ConfluentRegistry({ url: registry.url, retryDelayMs: 5, ...options });
const calls = (fake: FakeRegistry) => fake.requests.map(({ method, path }) => `${method} ${path}`);

describe('ConfluentRegistry: verdicts', () => {
  it('asks for compatibility with the latest version, then makes sure the subject has a version', async () => {
    expect(await client().checkCompatibility('orders-value', WITH_DEFAULT)).toEqual({ status: 'compatible' });
    expect(calls(registry)).toEqual([
      'POST /compatibility/subjects/orders-value/versions/latest?verbose=true',
      'GET /subjects/orders-value/versions',
    ]);
    expect(registry.requests[0]?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('returns every message of an incompatible schema, without the registered schema repeated whole', async () => {
    registry.setCompatibility('orders-value', 'FULL');
    const verdict = await client().checkCompatibility('orders-value', ID_REPLACED);
    expect(verdict).toEqual({
      status: 'incompatible',
      messages: [
        expect.stringContaining("errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'note' in the new schema"),
        expect.stringContaining("errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'id' in the old schema"),
        '{oldSchemaVersion: 1}',
        "{validateFields: 'false', compatibility: 'FULL'}",
      ],
    });
    expect(JSON.stringify(verdict)).not.toContain(V1.schema);
  });

  it('passes on the messages of a Protobuf check', async () => {
    const protobufRegistry = await start({ decide: () => ['{errorType:"FIELD_KIND_CHANGED"}', '{errorType:"FIELD_REMOVED"}'] });
    protobufRegistry.register('orders-proto', PROTO);
    const verdict = await client({ url: protobufRegistry.url }).checkCompatibility('orders-proto', PROTO);
    expect(verdict).toEqual({ status: 'incompatible', messages: ['{errorType:"FIELD_KIND_CHANGED"}', '{errorType:"FIELD_REMOVED"}', '{oldSchemaVersion: 1}', expect.stringContaining('BACKWARD')] });
  });

  it('says when the subject has no version, as the API reference answers', async () => {
    expect(await client().checkCompatibility('payments-value', V1)).toEqual({ status: 'no-subject' });
    expect(calls(registry)).toEqual(['POST /compatibility/subjects/payments-value/versions/latest?verbose=true']);
  });

  it("says when the subject has no version, though Confluent's server calls the schema compatible", async () => {
    const confluent = await start({ dialect: 'confluent-server' });
    expect(await client({ url: confluent.url }).checkCompatibility('payments-value', V1)).toEqual({ status: 'no-subject' });
    expect(await client({ url: confluent.url }).checkCompatibility('orders-value', WITH_DEFAULT)).toEqual({ status: 'compatible' });
  });

  it.each<[string, FakeRegistryOptions]>([
    ['with a 42201 error', {}],
    ["as Confluent's server does with verbose", { dialect: 'confluent-server' }],
  ])('reports a schema the registry refuses as invalid, %s', async (_, options) => {
    const fake = await start(options);
    const verdict = await client({ url: fake.url }).checkCompatibility('orders-value', { schemaType: 'AVRO', schema: '{"type": "nope"}' });
    expect(verdict).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^the registry refused the schema as invalid: Invalid schema of type AVRO, details: .*nope/) });
  });

  it('says when the subject lists no version, as a registry may after every version was deleted', async () => {
    const emptySubject = async (input: string | URL | Request) =>
      Response.json(String(input).endsWith('/versions') ? [] : { is_compatible: true });
    expect(await client({ fetch: emptySubject }).checkCompatibility('orders-value', V1)).toEqual({ status: 'no-subject' });
  });

  it('reports an answer that is no verdict, read through the injected fetch', async () => {
    const html = async () => new Response('<html>Welcome</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    expect(await client({ fetch: html }).checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry answered with something other than a compatibility verdict',
    });
  });
});

describe('ConfluentRegistry: requests', () => {
  it.each<[RegistrySchema, object]>([
    [V1, { schema: V1.schema }],
    [PROTO, PROTO],
    [JSON_SCHEMA, JSON_SCHEMA],
  ])('sends schemaType only where it is not the default AVRO: %j', async (schema, body) => {
    const fake = await start({ decide: () => [] });
    fake.register('any-value', schema);
    expect(await client({ url: fake.url }).checkCompatibility('any-value', schema)).toEqual({ status: 'compatible' });
    expect(JSON.parse(fake.requests[0]!.body)).toEqual(body);
  });

  it('encodes the subject in the path', async () => {
    registry.register('acme/orders value+v1', V1);
    expect(await client().checkCompatibility('acme/orders value+v1', V1)).toEqual({ status: 'compatible' });
    expect(registry.requests[0]?.path).toBe('/compatibility/subjects/acme%2Forders%20value%2Bv1/versions/latest?verbose=true');
  });

  it.each(['/registry', '/registry/'])('keeps the path prefix of a registry behind a proxy: %s', async (suffix) => {
    const proxied = await start({ pathPrefix: '/registry' });
    const base = proxied.url.replace(/\/registry$/, '');
    expect(await client({ url: `${base}${suffix}` }).checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    expect(proxied.requests[0]?.path).toBe('/registry/compatibility/subjects/orders-value/versions/latest?verbose=true');
  });
});

describe('ConfluentRegistry: failures', () => {
  it.each([500, 503, 429])('retries once after HTTP %i, then answers', async (status) => {
    registry.failNext(1, status);
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    expect(calls(registry)).toHaveLength(3);
  });

  it('gives up after a second server error, quoting the registry', async () => {
    registry.failNext(2, 500, { error_code: 50001, message: 'Error while retrieving schema for subject orders-value.' });
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry answered HTTP 500 (error 50001): Error while retrieving schema for subject orders-value',
    });
    expect(registry.requests).toHaveLength(2);
  });

  it("reports a proxy's error page that is not the registry's JSON", async () => {
    registry.failNext(2, 502, '<html><body>502 Bad Gateway</body></html>');
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({ status: 'unavailable', reason: 'the registry answered HTTP 502' });
    expect(registry.requests).toHaveLength(2);
  });

  it('does not retry an answer that will not change', async () => {
    registry.failNext(1, 404, { error_code: 404, message: 'HTTP 404 Not Found' });
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({ status: 'unavailable', reason: 'the registry answered HTTP 404: HTTP 404 Not Found' });
    expect(registry.requests).toHaveLength(1);
  });

  it('gives up at the time limit on a registry that hangs, without waiting twice', async () => {
    registry.hangNext(2);
    const started = Date.now();
    expect(await client({ timeoutMs: 200 }).checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry did not answer within 0.2 s',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(registry.requests).toHaveLength(1);
  });

  it('waits for a slow answer within the time limit', async () => {
    registry.delayNext(1, 100);
    expect(await client({ timeoutMs: 2000 }).checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
  });

  it('retries a dropped connection once, then says the registry closed it', async () => {
    registry.dropNext(1);
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    registry.dropNext(2);
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: expect.stringMatching(new RegExp(`^the registry at ${new URL(registry.url).host} closed the connection before answering \\(`)),
    });
  });

  it('names the host, and never the credentials in the URL, when nothing listens', async () => {
    const url = new URL(await closedLoopbackUrl());
    url.username = 'key';
    url.password = 'hunter2';
    const verdict = await new ConfluentRegistry({ url: url.toString(), retryDelayMs: 5 }).checkCompatibility('orders-value', V1);
    expect(verdict).toEqual({ status: 'unavailable', reason: `the registry at ${url.host} refused the connection (ECONNREFUSED)` });
    expect(JSON.stringify(verdict)).not.toContain('hunter2');
  });

  it('never repeats the credentials, even when the registry echoes them', async () => {
    const token = Buffer.from('key:s3cret-value').toString('base64');
    registry.failNext(2, 502, { error_code: 502, message: `Bad gateway for Basic ${token} (password s3cret-value)` });
    const verdict = await client({ username: 'key', password: 's3cret-value' }).checkCompatibility('orders-value', V1);
    expect(verdict).toEqual({ status: 'unavailable', reason: 'the registry answered HTTP 502: Bad gateway for Basic [redacted] (password [redacted])' });
  });
});

describe('ConfluentRegistry: credentials', () => {
  let secured: FakeRegistry;
  beforeEach(async () => {
    secured = await start({ username: 'key', password: 'secret' });
  });

  it('sends basic credentials, given as options or in the URL', async () => {
    const inUrl = new URL(secured.url);
    inUrl.username = 'key';
    inUrl.password = 'secret';
    expect(await client({ url: secured.url, username: 'key', password: 'secret' }).checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    expect(await client({ url: inUrl.toString() }).checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    expect(secured.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('key:secret').toString('base64')}`);
  });

  it('reports refused credentials without repeating them, and without retrying', async () => {
    const verdict = await client({ url: secured.url, username: 'key', password: 'wrong-secret' }).checkCompatibility('orders-value', V1);
    expect(verdict).toEqual({ status: 'unavailable', reason: 'the registry rejected the credentials (HTTP 401)' });
    expect(secured.requests).toHaveLength(1);
  });

  it('says when the registry wants credentials and none are configured', async () => {
    expect(await client({ url: secured.url }).checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry asks for credentials (HTTP 401) and none are configured',
    });
  });

  it('reports credentials that may not read the subject', async () => {
    secured.failNext(1, 403, { error_code: 40301, message: 'User is denied operation Read on Subject: orders-value' });
    expect(await client({ url: secured.url, username: 'key', password: 'secret' }).checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry rejected the credentials: they may not read this subject (HTTP 403)',
    });
  });
});
