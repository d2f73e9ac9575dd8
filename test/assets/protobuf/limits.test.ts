import { describe, expect, it } from '@jest/globals';
import { protobufFormat } from '../../../src/assets/protobuf/format.js';
import type { ProtobufSchema } from '../../../src/assets/protobuf/model.js';
import { READ_LIMITS } from '../../../src/assets/protobuf/schema.js';

const FILE = 'proto/acme/order.proto';
const HEADER = 'syntax = "proto3";\n\npackage acme;\n\n';

function read(text: string) {
  return protobufFormat.read([{ path: FILE, text }], 'acme.Order');
}

function parsed(text: string): ProtobufSchema {
  const result = read(text);
  if (result.status !== 'present') throw new Error(JSON.stringify(result));
  return result.parsed;
}

/** Messages `M0` … `M{depth}`, each with `width` fields of the next one, under acme.Order: width^depth paths. */
function dag(depth: number, width: number, last = 'string leaf = 1;'): string {
  const levels = Array.from({ length: depth }, (_, level) => {
    const fields = Array.from({ length: width }, (_, index) => `  M${level + 1} m${index} = ${index + 1};`).join('\n');
    return `message M${level} {\n${fields}\n}\n`;
  });
  return `${HEADER}message Order {\n  M0 root = 1;\n}\n${levels.join('')}message M${depth} {\n  ${last}\n}\n`;
}

describe('Protobuf schemas too large to compare path by path', () => {
  it('reads and compares a message of 10,000 fields in seconds', () => {
    const fields = (renamed: boolean) =>
      Array.from({ length: 10_000 }, (_, index) => `  string ${renamed && index % 7 === 0 ? 'g' : 'f'}${index} = ${index + 1};`).join('\n');
    const started = Date.now();
    const before = parsed(`${HEADER}message Order {\n${fields(false)}\n}\n`);
    const after = parsed(`${HEADER}message Order {\n${fields(true)}\n}\n`);
    const problems = protobufFormat.incompatibilities(before, after, 'backward', { level: 'WIRE_JSON' });
    const renames = protobufFormat.fieldRenames(before, after);
    expect([problems.length, renames.length]).toEqual([2 * 1429, 1429]);
    // It took 87 s when each field added to a message re-indexed all the others.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops reading a message DAG 32 deep with an error, not by running out of memory', () => {
    const started = Date.now();
    expect(read(dag(32, 2))).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'limit', file: FILE, message: expect.stringContaining(`more than ${READ_LIMITS.fieldPaths} field paths`) }),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops reading messages nested deeper than it follows with an error naming the chain', () => {
    const result = read(dag(READ_LIMITS.openMessages + 20, 1));
    expect(result).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'limit', message: expect.stringMatching(/nests more than 100 messages deep \(acme\.Order → acme\.M0 → .* → acme\.M99\)$/) }),
    });
  });

  it('compares each message of a DAG once, however many paths reach it', () => {
    const before = parsed(dag(12, 2));
    const after = parsed(dag(12, 2, 'int32 leaf = 1;'));
    const problems = protobufFormat.incompatibilities(before, after, 'backward', { level: 'WIRE' });
    expect(problems.map(({ rule, path }) => `${rule} ${path}`)).toEqual([`protobuf-field-wire-compatible-type root${'.m0'.repeat(12)}.leaf`]);
  });
});
