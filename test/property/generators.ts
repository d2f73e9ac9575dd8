import fc from 'fast-check';
import { stringify } from 'yaml';
import type { FileMap } from '../../src/core/memory-snapshot.js';

/** Names as a hostile or careless pull request writes them: odd, empty, huge, with a NUL byte. */
const oddName = fc.oneof(
  fc.constantFrom('Customer', 'a.b', 'ünïcödé', 'with space', 'nul\u0000byte', '"quoted"', '$ref', '__proto__', 'constructor', '', '1st', 'a-b'),
  fc.string({ maxLength: 10 }),
  fc.constant('x'.repeat(3000)),
);

/** Mostly the names real schemas use, so that most cases are judged, and now and then an odd one. */
const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('id', 'order_id', 'status', 'customer', 'amount', 'email', 'note') }, { weight: 1, arbitrary: oddName });

/** Mostly what the contract means, now and then something else. */
const usually = <T>(right: T, other: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: other });

/** What is done to a valid file to break it, if anything. */
const breakage = usually('none', fc.constantFrom('truncated', 'nul', 'garbage', 'empty'));

function broken(text: string, how: string): string {
  switch (how) {
    case 'truncated':
      return text.slice(0, Math.floor(text.length / 2));
    case 'nul':
      return `${text.slice(0, 20)}\u0000${text.slice(20)}`;
    case 'garbage':
      return `${text}\n}{ ][ <<<`;
    case 'empty':
      return '';
    default:
      return text;
  }
}

/** The shape of a generated event schema: its fields, how deep it nests, how deep its shared types go. */
const schemaShape = fc.record({
  fields: fc.uniqueArray(fc.record({ name, kind: usually('long', fc.constantFrom('string', 'int', 'boolean', 'nonsense')), optional: fc.boolean() }), {
    maxLength: 8,
    selector: (field) => field.name,
  }),
  nesting: usually(0, fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(70, 500, 3000))),
  sharedDepth: usually(0, fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(40))),
  manyFields: usually(0, fc.constant(2000)),
  breakage,
});
type SchemaShape = typeof schemaShape extends fc.Arbitrary<infer Shape> ? Shape : never;

const AVRO_TYPES: Record<string, string> = { long: '"long"', string: '"string"', int: '"int"', boolean: '"boolean"', nonsense: '"lnog"' };

function avroFiles(shape: SchemaShape): FileMap {
  const field = (name: string, type: string, optional: boolean) =>
    JSON.stringify({ name, type: optional ? ['null', JSON.parse(type)] : JSON.parse(type), ...(optional ? { default: null } : {}) });
  const fields = shape.fields.map(({ name, kind, optional }) => field(name, AVRO_TYPES[kind]!, optional));
  for (let index = 0; index < shape.manyFields; index += 1) fields.push(field(`f${index}`, '"long"', false));
  if (shape.nesting > 0) {
    let nested = '{ "type": "record", "name": "N0", "fields": [] }';
    for (let level = 1; level <= shape.nesting; level += 1) nested = `{ "type": "record", "name": "N${level}", "fields": [{ "name": "x", "type": ${nested} }] }`;
    fields.push(`{ "name": "nested", "type": ${nested} }`);
  }
  if (shape.sharedDepth > 0) fields.push('{ "name": "tree", "type": "com.acme.T0" }');
  const order = `{\n  "type": "record", "name": "Order", "namespace": "com.acme",\n  "fields": [\n    ${fields.join(',\n    ')}\n  ]\n}\n`;
  const tree = Array.from({ length: shape.sharedDepth + 1 }, (_, level) =>
    level === shape.sharedDepth
      ? `{ "type": "record", "name": "T${level}", "namespace": "com.acme", "fields": [{ "name": "v", "type": "long" }] }`
      : `{ "type": "record", "name": "T${level}", "namespace": "com.acme", "fields": [{ "name": "a", "type": "com.acme.T${level + 1}" }, { "name": "b", "type": "com.acme.T${level + 1}" }] }`,
  );
  return {
    'schemas/order.avsc': broken(order, shape.breakage),
    ...(shape.sharedDepth > 0 ? { 'schemas/tree.avsc': `[\n${tree.reverse().join(',\n')}\n]\n` } : {}),
  };
}

const PROTO_TYPES: Record<string, string> = { long: 'int64', string: 'string', int: 'int32', boolean: 'bool', nonsense: 'Nonsense' };

function protobufFiles(shape: SchemaShape): FileMap {
  const lines = shape.fields.map(({ name, kind, optional }, index) => `  ${optional ? 'optional ' : ''}${PROTO_TYPES[kind]} ${name} = ${index + 1};`);
  for (let index = 0; index < shape.manyFields; index += 1) lines.push(`  int64 f${index} = ${index + 100};`);
  if (shape.nesting > 0) lines.push(`  N1 nested = ${90};`);
  if (shape.sharedDepth > 0) lines.push('  T0 tree = 91;');
  const nested = Array.from({ length: shape.nesting }, (_, level) =>
    level + 1 === shape.nesting ? `message N${level + 1} { int64 x = 1; }` : `message N${level + 1} { N${level + 2} x = 1; }`,
  );
  const tree = Array.from({ length: shape.sharedDepth + 1 }, (_, level) =>
    level === shape.sharedDepth ? `message T${level} { int64 v = 1; }` : `message T${level} { T${level + 1} a = 1; T${level + 1} b = 2; }`,
  );
  const text = ['syntax = "proto3";', 'package acme;', '', 'message Order {', ...lines, '}', ...nested, ...tree, ''].join('\n');
  return { 'proto/acme/order.proto': broken(text, shape.breakage) };
}

/** Where the deeply nested property goes, replaced once the rest is written. */
const NESTED = '<nested>';

const JSON_TYPES: Record<string, unknown> = { long: 'integer', string: 'string', int: 'integer', boolean: 'boolean', nonsense: 'nonsense' };

function jsonSchemaFiles(shape: SchemaShape): FileMap {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const { name, kind, optional } of shape.fields) {
    properties[name] = { type: JSON_TYPES[kind] };
    if (!optional) required.push(name);
  }
  for (let index = 0; index < shape.manyFields; index += 1) properties[`f${index}`] = { type: 'integer' };
  if (shape.sharedDepth > 0) properties.tree = { $ref: '#/$defs/T0' };
  if (shape.nesting > 0) properties.nested = NESTED;
  const defs = Object.fromEntries(
    Array.from({ length: shape.sharedDepth + 1 }, (_, level) => [
      `T${level}`,
      level === shape.sharedDepth
        ? { type: 'integer' }
        : { type: 'object', properties: { a: { $ref: `#/$defs/T${level + 1}` }, b: { $ref: `#/$defs/T${level + 1}` } } },
    ]),
  );
  const schema = JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties, required, $defs: defs }, null, 2);
  // Nesting is written as text: building it as a value would overflow the stack of JSON.stringify itself.
  const nested = `${'{"type":"object","properties":{"x":'.repeat(shape.nesting)}{"type":"string"}${'}}'.repeat(shape.nesting)}`;
  return { 'schemas/order.json': broken(schema.replace(JSON.stringify(NESTED), nested), shape.breakage) };
}

export type EventType = 'avro' | 'protobuf' | 'jsonschema';

const LAYOUTS: Record<EventType, { name: string; source: string; files: (shape: SchemaShape) => FileMap }> = {
  avro: { name: 'com.acme.Order', source: 'schemas/*.avsc', files: avroFiles },
  protobuf: { name: 'acme.Order', source: 'proto/**/*.proto', files: protobufFiles },
  jsonschema: { name: 'schemas/order.json', source: 'schemas/*.json', files: jsonSchemaFiles },
};

/** A contract as a user (or a careless edit) writes it: fields that may or may not exist, odd ids and names. */
function contractText(id: string, type: string, name: string, source: unknown, fields: string[], extra: Record<string, unknown>): string {
  return stringify({
    id,
    asset: { type, name, source, ...extra },
    fields: fields.map((field, index) => ({ name: field, ...(index % 2 === 0 ? { required: true } : {}), ...(index % 3 === 0 ? { type: 'string' } : {}) })),
    consumers: [
      { name: 'Finance', contact: '@acme/analytics', enforcement: 'blocking' },
      { name: 'Churn', contact: '@jane', enforcement: 'advisory', ...(fields[0] ? { uses: [fields[0]] } : {}) },
    ],
  });
}

/** Sources as written in contracts: usually right, sometimes hostile or broken. */
const source = (right: string) =>
  usually<unknown>(
    right,
    fc.constantFrom<unknown>(
      [right, '**/*.nothing'],
      `**/${'*a'.repeat(25)}*c`,
      Array.from({ length: 300 }, (_, index) => `x/${index}/*`),
      'db/{a,b',
    ),
  );

/** One review's worth of an event schema: the contract, and the schema at base and head. */
export const eventCase = fc.constantFrom<EventType>('avro', 'protobuf', 'jsonschema').chain((type) =>
  fc
    .record({
      id: usually('orders', fc.constantFrom('a.b', 'x'.repeat(300), 'bad id', '')),
      assetName: usually(LAYOUTS[type].name, oddName),
      contractFields: fc.uniqueArray(name, { maxLength: 4 }),
      mode: fc.constantFrom(undefined, 'BACKWARD', 'FULL_TRANSITIVE', 'NONE'),
      source: source(LAYOUTS[type].source),
      base: fc.option(schemaShape, { freq: 8 }),
      head: schemaShape,
    })
    .map(({ id, assetName, contractFields, mode, source: written, base, head }) => {
      const layout = LAYOUTS[type];
      const contract = {
        'contracts/orders.yaml': contractText(id, type, assetName, written, contractFields, mode ? { compatibility: mode } : {}),
      };
      return { base: { ...contract, ...(base ? layout.files(base) : {}) }, head: { ...contract, ...layout.files(head) } };
    }),
);

const COLUMN_TYPES = fc.constantFrom('bigint', 'text', 'numeric(12,2)', 'varchar(64)', 'integer', 'nonsense_type');

/** The table most cases are about, with generated columns (some oddly named). */
const createOrders = fc
  .uniqueArray(fc.record({ name, type: COLUMN_TYPES, notNull: fc.boolean() }), { maxLength: 5, selector: (column) => column.name })
  .map((columns) => {
    const definitions = columns.filter((column) => column.name !== 'id').map((column) => `${quoted(column.name)} ${column.type}${column.notNull ? ' NOT NULL' : ''}`);
    return `CREATE TABLE public.orders (${['id bigint PRIMARY KEY', ...definitions].join(', ')});`;
  });

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Changes a migration may make, hostile ones now and then (each fails, is refused, or is harmless). */
const statement = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(name, COLUMN_TYPES).map(([column, type]) => `ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS ${quoted(column)} ${type};`) },
  { weight: 4, arbitrary: name.map((column) => `ALTER TABLE public.orders DROP COLUMN IF EXISTS ${quoted(column)};`) },
  { weight: 2, arbitrary: fc.constantFrom('ALTER TABLE public.orders ALTER COLUMN id DROP NOT NULL;', 'ALTER TABLE public.orders RENAME COLUMN id TO order_id;', 'DROP TABLE IF EXISTS public.orders;') },
  {
    // Rare: a hostile statement may cost the sandbox a restart.
    weight: 1,
    arbitrary: fc.constantFrom(
      'CREATE TABLE "Orders" (id bigint);',
      'ALTER TABL public.orders ADD x int;',
      'UPDATE pg_catalog.pg_type SET typname = typname WHERE false;',
      "COPY public.orders FROM PROGRAM 'echo 1';",
      'CREATE EXTENSION IF NOT EXISTS vector;',
      'SELECT 1;',
      '',
    ),
  },
);

const migration = fc.tuple(fc.array(statement, { minLength: 1, maxLength: 3 }), breakage).map(([statements, how]) => broken(statements.join('\n'), how));

/** One review's worth of Postgres migrations: the contract, and the migrations at base and head. */
export const postgresCase = fc
  .record({
    assetName: usually('public.orders', fc.oneof(fc.constantFrom('orders', 'a.b.c.d', 'public."Orders"', 'public.TaskRun'), oddName)),
    contractFields: fc.uniqueArray(name, { maxLength: 3 }),
    create: createOrders,
    base: fc.array(migration, { maxLength: 2 }),
    added: fc.array(migration, { minLength: 1, maxLength: 2 }),
  })
  .map(({ assetName, contractFields, create, base, added }) => {
    const contract = { 'contracts/orders.yaml': contractText('orders', 'postgres', assetName, 'db/migrations/*.sql', contractFields, {}) };
    const files = (migrations: string[]) => Object.fromEntries(migrations.map((text, index) => [`db/migrations/V${index + 1}__step.sql`, text]));
    return { base: { ...contract, ...files([create, ...base]) }, head: { ...contract, ...files([create, ...base, ...added]) } };
  });
