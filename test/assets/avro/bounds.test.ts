import { describe, expect, it } from '@jest/globals';
import { avroFormat } from '../../../src/assets/avro/format.js';
import { MAX_LISTED_FIELDS, MAX_RECORD_DEPTH } from '../../../src/assets/avro/limits.js';
import type { AvroSchema } from '../../../src/assets/avro/model.js';

/**
 * Records `d.L0` … `d.L{depth}` in one file, each using the next twice (fields `a` and `b`), the last with the
 * fields given: a tree of 2^depth paths written in a few lines.
 */
function sharedTree(depth: number, leafFields = '{ "name": "v", "type": "long" }'): string {
  const records = Array.from({ length: depth + 1 }, (_, level) =>
    level === depth
      ? `{ "type": "record", "name": "L${level}", "namespace": "d", "fields": [${leafFields}] }`
      : `{ "type": "record", "name": "L${level}", "namespace": "d", "fields": [{ "name": "a", "type": "d.L${level + 1}" }, { "name": "b", "type": "d.L${level + 1}" }] }`,
  );
  return `[\n${records.reverse().join(',\n')}\n]\n`;
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

const read = (text: string, name: string, path = 'schemas/s.avsc') => avroFormat.read([{ path, text }], name);

describe('named types shared as a deep tree', () => {
  it('are an error past the fields the review lists, found in well under a second, not 2^40 fields', () => {
    const { result, ms } = timed(() => read(sharedTree(40), 'd.L0'));
    expect(result).toEqual({
      status: 'error',
      error: {
        kind: 'limit',
        file: 'schemas/s.avsc',
        line: 42,
        message: `d.L0 has more than ${MAX_LISTED_FIELDS} fields once each nested record is listed under every field that uses it; the review reads no more`,
      },
    });
    expect(ms).toBeLessThan(5000);
  });

  it('are compared once per pair of records, each problem at the first path that reaches it', () => {
    const older = read(sharedTree(11), 'd.L0');
    const newer = read(sharedTree(11, '{ "name": "v", "type": "long" }, { "name": "w", "type": "string" }'), 'd.L0');
    if (older.status !== 'present' || newer.status !== 'present') throw new Error('both versions should read');
    expect(older.schema.fields).toHaveLength(2 ** 12 - 2 + 2 ** 11);
    const { result, ms } = timed(() => avroFormat.incompatibilities(older.parsed as AvroSchema, newer.parsed as AvroSchema, 'backward', {}));
    expect(result).toEqual([expect.objectContaining({ rule: 'avro-field-missing-default', path: `${'a.'.repeat(11)}w` })]);
    expect(ms).toBeLessThan(1000);
  });
});

describe('records nested past the depth the review reads', () => {
  it('are an error when each file uses a type the next one defines', () => {
    const chain = Array.from({ length: 3000 }, (_, index) =>
      index === 2999 ? '{ "type": "record", "name": "C2999", "fields": [] }' : `{ "type": "record", "name": "C${index}", "fields": [{ "name": "x", "type": "C${index + 1}" }] }`,
    );
    const result = read(`[\n${chain.reverse().join(',\n')}\n]`, 'C0');
    expect(result.status === 'error' && result.error.message).toBe(
      `the schemas use each other more than ${MAX_RECORD_DEPTH} deep (each using a type the next one defines); the review reads no deeper`,
    );
  });

  it('are an error when written inside one another', () => {
    let nested = '{ "type": "record", "name": "I0", "fields": [] }';
    for (let level = 1; level <= MAX_RECORD_DEPTH + 5; level += 1) {
      nested = `{ "type": "record", "name": "I${level}", "fields": [{ "name": "x", "type": ${nested} }] }`;
    }
    const result = read(nested, `I${MAX_RECORD_DEPTH + 5}`);
    expect(result.status === 'error' && result.error).toMatchObject({
      kind: 'limit',
      message: expect.stringMatching(new RegExp(`is nested in more than ${MAX_RECORD_DEPTH} records; the review reads records up to that depth$`)),
    });
  });

  it('are an error for JSON nested deeper than any reader walks, at the line where it goes too deep', () => {
    const items = `${'{ "type": "array", "items": '.repeat(5000)}"long"${' }'.repeat(5000)}`;
    const text = `{ "type": "record", "name": "A",\n  "fields": [{ "name": "x", "type": ${items} }] }`;
    expect(read(text, 'A')).toEqual({
      status: 'error',
      error: expect.objectContaining({ file: 'schemas/s.avsc', line: 2, message: expect.stringContaining('nested deeper than') }),
    });
  });

  it('leave the record alone when they sit in a file it does not need', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const order = '{ "type": "record", "name": "Order", "fields": [{ "name": "id", "type": "long" }] }';
    const result = avroFormat.read([{ path: 'a/deep.avsc', text: deep }, { path: 'a/order.avsc', text: order }], 'Order');
    expect(result.status).toBe('present');
  });
});
