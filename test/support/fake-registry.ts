import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import avsc, { type Schema, type Type } from 'avsc';
import type { RegistrySchema } from '../../src/assets/events/format.js';

type Level = 'BACKWARD' | 'FORWARD' | 'FULL' | 'NONE';

export interface RecordedRegistryRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeRegistry {
  url: string;
  requests: RecordedRegistryRequest[];
  register(subject: string, schema: RegistrySchema): void;
  /** The next `count` requests answer `status` with a registry error body. */
  failNext(count: number, status: number, errorCode?: number): void;
  /** The next `count` requests never answer. */
  hangNext(count: number): void;
  close(): Promise<void>;
}

interface Version {
  id: number;
  version: number;
  schema: RegistrySchema;
}

/**
 * A loopback stand-in for a Confluent-compatible schema registry: the documented endpoints a client uses, their
 * error bodies, Avro compatibility decided by avsc's resolver, and faults on demand.
 */
export async function startFakeRegistry(options: { username?: string; password?: string } = {}): Promise<FakeRegistry> {
  const subjects = new Map<string, Version[]>();
  const levels = new Map<string, Level>();
  const requests: RecordedRegistryRequest[] = [];
  const faults: ({ kind: 'fail'; status: number; errorCode: number } | { kind: 'hang' })[] = [];
  const hanging = new Set<ServerResponse>();
  let nextId = 1;

  const register = (subject: string, schema: RegistrySchema): Version => {
    const versions = subjects.get(subject) ?? [];
    const version = { id: nextId++, version: versions.length + 1, schema };
    subjects.set(subject, [...versions, version]);
    return version;
  };

  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://registry');
      requests.push({ method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: request.headers, body });
      const fault = faults.shift();
      if (fault?.kind === 'hang') return void hanging.add(response);
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify(payload));
      };
      const error = (status: number, code: number, message: string) => send(status, { error_code: code, message });
      if (fault) return error(fault.status, fault.errorCode, 'Injected failure');
      if (options.username !== undefined && request.headers.authorization !== basic(options.username, options.password ?? '')) {
        return error(401, 40101, 'Unauthorized');
      }
      route(request.method ?? 'GET', url.pathname.split('/').filter(Boolean).map(decodeURIComponent), body, send, error);
    });
  });

  const route = (
    method: string,
    parts: string[],
    body: string,
    send: (status: number, payload: unknown) => void,
    error: (status: number, code: number, message: string) => void,
  ): void => {
    const [root, subject, collection, which] = parts;
    const versions = subject ? subjects.get(subject) : undefined;
    if (method === 'GET' && root === 'subjects' && !subject) return send(200, [...subjects.keys()]);
    if (root === 'config' && subject) {
      if (method === 'PUT') {
        levels.set(subject, (JSON.parse(body) as { compatibility: Level }).compatibility);
        return send(200, { compatibility: levels.get(subject) });
      }
      return send(200, { compatibilityLevel: levels.get(subject) ?? 'BACKWARD' });
    }
    const isCompatibility = root === 'compatibility' && parts[1] === 'subjects';
    const name = isCompatibility ? parts[2] : subject;
    const known = name ? subjects.get(name) : undefined;
    if (root === 'subjects' && subject && collection === 'versions') {
      if (method === 'POST') {
        const schema = parseSchema(body);
        if (!schema) return error(422, 42201, 'Invalid schema');
        return send(200, { id: register(subject, schema).id });
      }
      if (!versions) return error(404, 40401, `Subject '${subject}' not found.`);
      if (!which) return send(200, versions.map((version) => version.version));
      const found = which === 'latest' ? versions.at(-1) : versions.find((version) => String(version.version) === which);
      if (!found) return error(404, 40402, 'Version not found.');
      return send(200, { subject, id: found.id, version: found.version, schema: found.schema.schema });
    }
    if (isCompatibility && method === 'POST' && name) {
      if (!known) return error(404, 40401, `Subject '${name}' not found.`);
      const version = parts[4] === 'latest' ? known.at(-1) : known.find((candidate) => String(candidate.version) === parts[4]);
      if (!version) return error(404, 40402, 'Version not found.');
      const schema = parseSchema(body);
      if (!schema) return error(422, 42201, 'Invalid schema');
      const messages = incompatibilities(levels.get(name) ?? 'BACKWARD', schema, version.schema);
      if (messages === undefined) return error(422, 42201, 'Invalid schema');
      return send(200, messages.length === 0 ? { is_compatible: true } : { is_compatible: false, messages });
    }
    error(404, 404, 'HTTP 404 Not Found');
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    register: (subject, schema) => void register(subject, schema),
    failNext: (count, status, errorCode = status * 100 + 1) => faults.push(...Array.from({ length: count }, () => ({ kind: 'fail' as const, status, errorCode }))),
    hangNext: (count) => faults.push(...Array.from({ length: count }, () => ({ kind: 'hang' as const }))),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function parseSchema(body: string): RegistrySchema | undefined {
  try {
    const parsed = JSON.parse(body) as { schema?: unknown; schemaType?: RegistrySchema['schemaType'] };
    if (typeof parsed.schema !== 'string') return undefined;
    const schemaType = parsed.schemaType ?? 'AVRO';
    if (schemaType === 'AVRO') avsc.Type.forSchema(JSON.parse(parsed.schema) as Schema);
    return { schemaType, schema: parsed.schema };
  } catch {
    return undefined;
  }
}

/** Confluent-style messages for Avro; other types are compatible when their text is unchanged, as a stand-in. */
function incompatibilities(level: Level, candidate: RegistrySchema, latest: RegistrySchema): string[] | undefined {
  if (level === 'NONE') return [];
  if (candidate.schemaType !== 'AVRO' || latest.schemaType !== 'AVRO') {
    return candidate.schema === latest.schema ? [] : [`${candidate.schemaType} schema differs from the latest version`];
  }
  const type = (text: string) => avsc.Type.forSchema(JSON.parse(text) as Schema);
  const newer = type(candidate.schema);
  const older = type(latest.schema);
  const readable = (reader: Type, writer: Type, direction: string): string[] => {
    try {
      reader.createResolver(writer);
      return [];
    } catch (error) {
      return [`{errorType:'${direction}', description:'${error instanceof Error ? error.message : String(error)}'}`];
    }
  };
  return [
    ...(level !== 'FORWARD' ? readable(newer, older, 'READER_CANNOT_READ_LATEST') : []),
    ...(level !== 'BACKWARD' ? readable(older, newer, 'LATEST_CANNOT_READ_NEW') : []),
  ];
}
