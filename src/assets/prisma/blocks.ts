import type { SchemaFiles } from './engine-protocol.js';

/** Where a `model`, `view`, `type` or `enum` block of a schema is, and the lines of its members and block attributes. */
export interface Block {
  file: string;
  /** The line of `model Name {`. */
  line: number;
  /** The line of its closing `}`. */
  endLine: number;
  /** Each field's (or enum value's) line, by its name in the schema. */
  fields: Map<string, number>;
  /** Each block attribute's line, by name (`map`, `schema`, `id`, ...). */
  attributes: Map<string, number>;
}

const HEADER = /^\s*(?:model|view|type|enum)\s+([^\s{]+)\s*\{/;
const MEMBER = /^\s*([^\s(){}[\]@?"=,:/]+)/;
const ATTRIBUTE = /^\s*@@(\w+)/;

/**
 * The blocks of a schema the engine has validated, by name (names are unique across a schema's files). The DMMF says
 * nothing of positions, so lines are found in the text, which validation has shaped: each block opens on its own
 * line, each field, enum value and block attribute starts a line of its own, and the block closes with a `}` that starts a line.
 */
export function indexBlocks(files: SchemaFiles): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const [file, text] of files) {
    let current: Block | undefined;
    text.split('\n').forEach((line, index) => {
      const lineNumber = index + 1;
      if (!current) {
        const header = HEADER.exec(line);
        if (!header) return;
        const block: Block = { file, line: lineNumber, endLine: lineNumber, fields: new Map(), attributes: new Map() };
        blocks.set(header[1]!, block);
        // An empty block may close on its own line.
        if (!line.slice(header[0].length).trimStart().startsWith('}')) current = block;
        return;
      }
      if (line.trimStart().startsWith('}')) {
        current.endLine = lineNumber;
        current = undefined;
        return;
      }
      const attribute = ATTRIBUTE.exec(line);
      if (attribute) {
        if (!current.attributes.has(attribute[1]!)) current.attributes.set(attribute[1]!, lineNumber);
        return;
      }
      const member = MEMBER.exec(line);
      if (member && !current.fields.has(member[1]!)) current.fields.set(member[1]!, lineNumber);
    });
  }
  return blocks;
}
