import { isScalarKind, type ProtoField, type ProtoValueType, type ScalarKind } from './model.js';

/**
 * A Protobuf type as a field's `type` spells it: a scalar (`int64`), a named message, group or enum
 * (`message acme.Money`, `enum acme.Status`; the kind may be left out in a contract), `repeated <element>` (also
 * read from `array<element>`), `map<key,value>`, or a word of its own (`oneof`, the portable types).
 */
export type Spelling =
  | { form: 'scalar'; kind: ScalarKind }
  | { form: 'named'; kind?: 'message' | 'group' | 'enum'; name: string }
  | { form: 'repeated'; element: Spelling }
  | { form: 'map'; key: Spelling; value: Spelling }
  | { form: 'word'; word: string };

const NAMED = /^(message|group|enum)\s+(\S+)$/i;
const TYPE_NAME = /^\.?[A-Za-z_][\w.]*$/;
/** The portable types and `oneof`, which any case spells; other names are types, whose case matters. */
const WORDS = new Set(['oneof', 'string', 'integer', 'number', 'decimal', 'boolean', 'date', 'time', 'timestamp', 'bytes', 'uuid', 'json', 'array', 'object']);

export function parseSpelling(text: string): Spelling {
  const spelling = text.trim().replace(/\s+/g, ' ');
  const repeated = spelling.match(/^repeated (.+)$/i) ?? spelling.match(/^array ?<(.+)>$/i);
  if (repeated) return { form: 'repeated', element: parseSpelling(repeated[1]!) };
  const map = spelling.match(/^map ?<(.+)>$/i);
  const entry = map ? splitTopLevel(map[1]!) : undefined;
  if (entry) return { form: 'map', key: parseSpelling(entry[0]), value: parseSpelling(entry[1]) };
  const lower = spelling.toLowerCase();
  if (isScalarKind(lower)) return { form: 'scalar', kind: lower };
  const named = spelling.match(NAMED);
  if (named) return { form: 'named', kind: named[1]!.toLowerCase() as 'message' | 'group' | 'enum', name: bareName(named[2]!) };
  if (WORDS.has(lower) || !TYPE_NAME.test(spelling)) return { form: 'word', word: lower };
  return { form: 'named', name: bareName(spelling) };
}

/** `string, message acme.Money` → [`string`, `message acme.Money`], leaving commas inside nested brackets alone. */
function splitTopLevel(text: string): [string, string] | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '<') depth += 1;
    if (char === '>') depth -= 1;
    if (char === ',' && depth === 0) return [text.slice(0, index), text.slice(index + 1)];
  }
  return undefined;
}

function bareName(name: string): string {
  return name.replace(/^\./, '');
}

export function renderSpelling(spelling: Spelling): string {
  switch (spelling.form) {
    case 'scalar':
      return spelling.kind;
    case 'named':
      return spelling.kind ? `${spelling.kind} ${spelling.name}` : spelling.name;
    case 'repeated':
      return `repeated ${renderSpelling(spelling.element)}`;
    case 'map':
      return `map<${renderSpelling(spelling.key)},${renderSpelling(spelling.value)}>`;
    case 'word':
      return spelling.word;
  }
}

export function valueSpelling(value: ProtoValueType): Spelling {
  return 'typeName' in value ? { form: 'named', kind: value.kind, name: value.typeName } : { form: 'scalar', kind: value.kind };
}

/** A field's canonical type: `int64`, `message acme.Money`, `repeated enum acme.Status`, `map<string,int64>`. */
export function fieldSpelling(field: ProtoField): Spelling {
  const value = valueSpelling(field.value);
  if (field.cardinality === 'repeated') return { form: 'repeated', element: value };
  if (field.cardinality === 'map' && field.mapKey) return { form: 'map', key: { form: 'scalar', kind: field.mapKey }, value };
  return value;
}
