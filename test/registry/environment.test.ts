import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RegistryConfigurationError, registryFromEnvironment } from '../../src/registry/environment.js';
import { type FakeRegistry, startFakeRegistry } from '../support/fake-registry.js';

const V1 = { schemaType: 'AVRO' as const, schema: '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}' };

let registry: FakeRegistry;
beforeEach(async () => {
  registry = await startFakeRegistry({ username: 'api-key', password: 'api-secret' });
  registry.register('orders-value', V1);
});
afterEach(() => registry.close());

describe('registryFromEnvironment', () => {
  it.each([{}, { DCR_SCHEMA_REGISTRY_URL: '' }, { DCR_SCHEMA_REGISTRY_URL: '  ' }])('has no registry without a URL: %j', (env) => {
    expect(registryFromEnvironment(env)).toBeUndefined();
  });

  it('asks the registry at the URL with the API key and secret', async () => {
    const configured = registryFromEnvironment({
      DCR_SCHEMA_REGISTRY_URL: registry.url,
      DCR_SCHEMA_REGISTRY_USERNAME: 'api-key',
      DCR_SCHEMA_REGISTRY_PASSWORD: 'api-secret',
    });
    expect(await configured?.checkCompatibility('orders-value', V1)).toEqual({ status: 'compatible' });
  });

  it('applies the timeout in seconds', async () => {
    registry.hangNext(1);
    const configured = registryFromEnvironment({
      DCR_SCHEMA_REGISTRY_URL: registry.url,
      DCR_SCHEMA_REGISTRY_USERNAME: 'api-key',
      DCR_SCHEMA_REGISTRY_PASSWORD: 'api-secret',
      DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: '0.3',
    });
    expect(await configured?.checkCompatibility('orders-value', V1)).toEqual({ status: 'unavailable', reason: 'the registry did not answer within 0.3 s' });
  });

  it.each([
    [{ DCR_SCHEMA_REGISTRY_URL: 'registry.example.com' }, /^DCR_SCHEMA_REGISTRY_URL must be an http or https URL/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'ftp://registry.example.com' }, /^DCR_SCHEMA_REGISTRY_URL must be an http or https URL/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'https://registry.example.com', DCR_SCHEMA_REGISTRY_PASSWORD: 'secret' }, /^DCR_SCHEMA_REGISTRY_PASSWORD is set without DCR_SCHEMA_REGISTRY_USERNAME/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'https://registry.example.com', DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: 'soon' }, /^DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS must be/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'https://registry.example.com', DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: '0' }, /^DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS must be/],
    [{ DCR_SCHEMA_REGISTRY_URL: 'https://registry.example.com', DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS: '86400' }, /^DCR_SCHEMA_REGISTRY_TIMEOUT_SECONDS must be/],
  ])('refuses a broken setting at start-up: %j', (env, message) => {
    expect(() => registryFromEnvironment(env)).toThrow(message);
    expect(() => registryFromEnvironment(env)).toThrow(RegistryConfigurationError);
  });

  it('never repeats a URL that may hold credentials in its complaint', () => {
    const complaint = (() => {
      try {
        registryFromEnvironment({ DCR_SCHEMA_REGISTRY_URL: 'key:hunter2@registry.example.com' });
        return 'no complaint';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(complaint).toMatch(/^DCR_SCHEMA_REGISTRY_URL must be an http or https URL/);
    expect(complaint).not.toContain('hunter2');
  });
});
