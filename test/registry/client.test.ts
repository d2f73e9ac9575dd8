import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RegistrySchema } from '../../src/assets/events/format.js';
import { ConfluentRegistry } from '../../src/registry/client.js';
import { registryFromEnvironment } from '../../src/registry/environment.js';
import { closedLoopbackUrl } from '../support/example-registry.js';
import { type FakeRegistry, startFakeRegistry } from '../support/fake-registry.js';

const record = (fields: object[]): RegistrySchema => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields }),
});
const V1 = record([{ name: 'id', type: 'long' }]);
const WITH_DEFAULT = record([{ name: 'id', type: 'long' }, { name: 'note', type: 'string', default: '' }]);
const WITHOUT_DEFAULT = record([{ name: 'id', type: 'long' }, { name: 'note', type: 'string' }]);

let registry: FakeRegistry;
beforeEach(async () => {
  registry = await startFakeRegistry();
  registry.register('orders-value', V1);
});
afterEach(() => registry.close());

const client = (options: Partial<ConstructorParameters<typeof ConfluentRegistry>[0]> = {}) =>
  new ConfluentRegistry({ url: registry.url, retryDelayMs: 5, ...options });

describe('ConfluentRegistry', () => {
  it('asks for compatibility with the latest version, sending AVRO without a schemaType', async () => {
    expect(await client().checkCompatibility('orders-value', WITH_DEFAULT)).toEqual({ status: 'compatible' });
    const [request] = registry.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/compatibility/subjects/orders-value/versions/latest?verbose=true' });
    expect(request?.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(JSON.parse(request!.body)).toEqual({ schema: WITH_DEFAULT.schema });
  });

  it('sends the schemaType of Protobuf and JSON schemas', async () => {
    const proto: RegistrySchema = { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message Order { int64 id = 1; }' };
    registry.register('orders-proto', proto);
    expect(await client().checkCompatibility('orders-proto', proto)).toEqual({ status: 'compatible' });
    expect(JSON.parse(registry.requests[0]!.body)).toEqual(proto);
  });

  it('returns every message of an incompatible schema', async () => {
    const verdict = await client().checkCompatibility('orders-value', WITHOUT_DEFAULT);
    expect(verdict.status).toBe('incompatible');
    if (verdict.status === 'incompatible') expect(verdict.messages).toEqual([expect.stringContaining('READER_CANNOT_READ_LATEST')]);
  });

  it('says when the subject has no version yet, encoding its name', async () => {
    expect(await client().checkCompatibility('orders/value x', V1)).toEqual({ status: 'no-subject' });
    expect(registry.requests[0]?.path).toBe('/compatibility/subjects/orders%2Fvalue%20x/versions/latest?verbose=true');
  });

  it('keeps a path prefix of the registry URL', async () => {
    await client({ url: `${registry.url}/registry/` }).checkCompatibility('orders-value', V1);
    expect(registry.requests[0]?.path).toBe('/registry/compatibility/subjects/orders-value/versions/latest?verbose=true');
  });

  it('reports a schema the registry refuses as invalid', async () => {
    const verdict = await client().checkCompatibility('orders-value', { schemaType: 'AVRO', schema: '{"type": "nope"}' });
    expect(verdict).toEqual({ status: 'unavailable', reason: 'the registry refused the schema as invalid: Invalid schema' });
  });

  it('retries a server error once, then answers', async () => {
    registry.failNext(1, 500);
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
    expect(registry.requests).toHaveLength(2);
  });

  it('gives up after a second server error, saying so', async () => {
    registry.failNext(2, 503);
    expect(await client().checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry answered HTTP 503 (error 50301): Injected failure',
    });
    expect(registry.requests).toHaveLength(2);
  });

  it('gives up at the time limit on a registry that hangs', async () => {
    registry.hangNext(2);
    expect(await client({ timeoutMs: 200 }).checkCompatibility('orders-value', V1)).toEqual({
      status: 'unavailable',
      reason: 'the registry did not answer within 0.2 s',
    });
  });

  it('names the host, and never the credentials, when nothing listens', async () => {
    const url = new URL(await closedLoopbackUrl());
    url.username = 'key';
    url.password = 'hunter2';
    const verdict = await new ConfluentRegistry({ url: url.toString(), retryDelayMs: 5 }).checkCompatibility('orders-value', V1);
    expect(verdict).toEqual({ status: 'unavailable', reason: `the registry at ${url.host} could not be reached (ECONNREFUSED)` });
    expect(JSON.stringify(verdict)).not.toContain('hunter2');
  });

  it('sends basic credentials, and reports refused ones without repeating them', async () => {
    const secured = await startFakeRegistry({ username: 'key', password: 'secret' });
    try {
      secured.register('orders-value', V1);
      const good = new ConfluentRegistry({ url: secured.url, username: 'key', password: 'secret' });
      expect(await good.checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
      const inUrl = new URL(secured.url);
      inUrl.username = 'key';
      inUrl.password = 'secret';
      expect(await new ConfluentRegistry({ url: inUrl.toString() }).checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
      const bad = new ConfluentRegistry({ url: secured.url, username: 'key', password: 'wrong' });
      const verdict = await bad.checkCompatibility('orders-value', V1);
      expect(verdict).toEqual({ status: 'unavailable', reason: 'the registry rejected the credentials (HTTP 401)' });
      expect(JSON.stringify(verdict)).not.toContain('wrong');
    } finally {
      await secured.close();
    }
  });
});

describe('registryFromEnvironment', () => {
  it('has no registry without a URL', () => {
    expect(registryFromEnvironment({})).toBeUndefined();
  });

  it('builds one from the URL and credentials', async () => {
    const configured = registryFromEnvironment({ DCR_SCHEMA_REGISTRY_URL: registry.url, DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: '3' });
    expect(await configured?.checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
  });

  it.each([
    [{ DCR_SCHEMA_REGISTRY_URL: 'registry.example.com' }, /DCR_SCHEMA_REGISTRY_URL must be an http or https URL/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'ftp://registry.example.com' }, /DCR_SCHEMA_REGISTRY_URL must be an http or https URL/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'https://registry.example.com', DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: 'soon' }, /TIMEOUT_SECONDS must be a positive/],
  ])('refuses a broken setting at start-up: %j', (env, message) => {
    expect(() => registryFromEnvironment(env)).toThrow(message);
  });
});
