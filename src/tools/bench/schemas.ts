import { type FileMap, memoryChange, memoryHistory } from '../../core/memory-snapshot.js';
import { createEngine } from '../../review/engine.js';
import { peakMemorySampler, timed } from './measure.js';

/**
 * Part of `npm run bench`: a review of a repository with N event-schema files (a third
 * each Avro, Protobuf and JSON Schema; `--schemas N`), one contract per ten files, a history of earlier versions
 * for the transitive modes, and a pull request that changes five schema files.
 */
const count = Number(process.argv[process.argv.indexOf('--schemas') + 1]) || 200;
const perFormat = Math.ceil(count / 3);

function avsc(index: number, extraField: string): string {
  return JSON.stringify(
    {
      type: 'record',
      name: `Event${index}`,
      namespace: 'com.acme.events',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'occurred_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'customer', type: index === 0 ? { type: 'record', name: 'Customer', fields: [{ name: 'email', type: 'string' }] } : 'com.acme.events.Customer' },
        { name: 'status', type: { type: 'enum', name: `Status${index}`, symbols: ['NEW', 'DONE'] } },
        ...(extraField ? [{ name: extraField, type: ['null', 'string'], default: null }] : []),
      ],
    },
    null,
    2,
  );
}

function proto(index: number, extraField: string): string {
  const extra = extraField ? `  optional string ${extraField} = 5;\n` : '';
  const imports = index === 0 ? '' : 'import "acme/events/event0.proto";\n';
  const customer = index === 0 ? 'message Customer {\n  string email = 1;\n}\n\n' : '';
  return `syntax = "proto3";\npackage acme.events;\n${imports}\n${customer}message Event${index} {\n  int64 id = 1;\n  string occurred_at = 2;\n  Customer customer = 3;\n  repeated string tags = 4;\n${extra}}\n`;
}

function jsonSchema(index: number, extraField: string): string {
  return JSON.stringify(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://acme.example/events/event${index}.json`,
      type: 'object',
      required: ['id', 'customer'],
      properties: {
        id: { type: 'integer' },
        occurred_at: { type: 'string', format: 'date-time' },
        customer: index === 0 ? { type: 'object', properties: { email: { type: 'string' } } } : { $ref: 'event0.json#/properties/customer' },
        status: { enum: ['NEW', 'DONE'] },
        ...(extraField ? { [extraField]: { type: 'string' } } : {}),
      },
    },
    null,
    2,
  );
}

const FORMATS = [
  { type: 'avro', dir: 'schemas/avro', ext: 'avsc', render: avsc, name: (i: number) => `com.acme.events.Event${i}`, mode: 'FULL_TRANSITIVE' },
  { type: 'protobuf', dir: 'proto/acme/events', ext: 'proto', render: proto, name: (i: number) => `acme.events.Event${i}`, mode: 'BACKWARD' },
  { type: 'jsonschema', dir: 'schemas/json', ext: 'json', render: jsonSchema, name: (i: number) => `https://acme.example/events/event${i}.json`, mode: 'BACKWARD_TRANSITIVE' },
] as const;

/** The repository at one point of its history: `extra` names a field every `touched` schema has gained. */
function repository(touched: (index: number) => boolean, extra: string): FileMap {
  const files: FileMap = {};
  for (const format of FORMATS) {
    for (let index = 0; index < perFormat; index += 1) {
      files[`${format.dir}/event${index}.${format.ext}`] = format.render(index, touched(index) ? extra : '');
      if (index % 10 !== 0) continue;
      files[`contracts/${format.type}-${index}.yaml`] = [
        `id: ${format.type}-${index}`,
        'asset:',
        `  type: ${format.type}`,
        `  name: "${format.name(index)}"`,
        `  source: "${format.dir}/*.${format.ext}"`,
        `  compatibility: ${format.mode}`,
        'fields:',
        '  - name: id',
        '    type: integer',
        '    required: true',
        '  - name: customer.email',
        '    type: string',
        'consumers:',
        '  - name: Analytics',
        '    contact: "@acme/analytics"',
        '    enforcement: blocking',
        '',
      ].join('\n');
    }
  }
  return files;
}

const history = [0, 1, 2, 3].map((version) => repository((index) => index % 4 === version, `note_${version}`));
const base = repository(() => false, '');
const head = repository((index) => index >= 10 && index < 12, 'coupon');
const change = { ...memoryChange(base, head), history: memoryHistory(history) };
const engine = createEngine();
const { replayer } = engine;
const sampler = peakMemorySampler();

console.log(`Repository: ${perFormat * 3} schema files, ${Object.keys(base).filter((path) => path.startsWith('contracts/')).length} contracts, ${history.length} earlier versions; the pull request changes ${change.changedFiles.length} files.\n`);
const first = await timed('first review (parse, judge, check compatibility)', () => engine.review(change));
await timed('the same review again', () => engine.review(change));
await replayer.close();

console.log(`\nconclusion: ${first.conclusion} (${first.findings.length} findings, ${first.errors.length} errors)`);
console.log(`peak resident memory: ${(sampler.stop() / 1024 ** 2).toFixed(0)} MiB`);
