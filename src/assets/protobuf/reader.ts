import type { SchemaFile, SchemaRead } from '../events/format.js';
import type { AssetListing, AssetSchema, ExtractionError } from '../model.js';
import { toSchema } from './convert.js';
import { failure } from './errors.js';
import { definingFile, loadMessage, moduleLoader, parseProtoFiles } from './load.js';
import type { ProtobufSchema } from './model.js';
import type { ParsedFile } from './module-files.js';
import { assetSchema, ReadLimitError } from './schema.js';
import { bare } from './symbols.js';

/**
 * Reads message `name` (its full name, `acme.orders.v1.Order`) from the .proto files the contract's source matches:
 * proto2, proto3 and editions files, with the types of every file they match and google/protobuf's well-known
 * types. A message whose fields cannot all be listed within the reader's limits is an error, not a crash.
 */
export function readProtobuf(files: readonly SchemaFile[], name: string): SchemaRead<ProtobufSchema> {
  const loaded = loadMessage(files, name);
  if (loaded.status !== 'present') return loaded;
  return messageIn(toSchema(loaded.loaded, name));
}

/**
 * Every top-level message of the .proto files (declared in a file's package, not inside another message), by its full
 * name, read as `readProtobuf` reads it. Nested messages are part of the message that declares them, and map entries,
 * enums, services and google/protobuf's types are no messages of the files: none is listed. A file that does not
 * parse is an error, and so is a message that cannot be read (an import missing, a type no file defines); the others
 * are still listed. The messages of one file are read from one module, built once.
 */
export function listProtobuf(files: readonly SchemaFile[]): AssetListing {
  const parsed = parseProtoFiles(files);
  const errors = new Map<string, ExtractionError>();
  const report = (error: ExtractionError): void => void errors.set(JSON.stringify(error), error);
  for (const file of parsed) if (file.error) report(file.error);
  const byFile = new Map<ParsedFile, string[]>();
  for (const name of new Set(parsed.flatMap(topLevelMessages))) {
    // The file the name came from declares it: some file does.
    const defining = definingFile(parsed, name)!;
    byFile.set(defining, [...(byFile.get(defining) ?? []), name]);
  }
  const assets: AssetSchema[] = [];
  const load = moduleLoader(parsed);
  for (const [defining, names] of byFile) {
    const loaded = load(defining);
    if (loaded.status === 'error') report(loaded.error);
    if (loaded.status !== 'present') continue;
    // The model of the module's messages is the same whatever message it is read for.
    const schema = toSchema(loaded.loaded, names[0]!);
    for (const name of names) {
      const read = messageIn({ ...schema, name: bare(name) });
      if (read.status === 'present') assets.push(read.schema);
      else if (read.status === 'error') report(read.error);
    }
  }
  return { assets, errors: [...errors.values()] };
}

/** The messages a file declares in its package. */
function topLevelMessages({ declared }: ParsedFile): string[] {
  return [...declared]
    .filter(([name, kind]) => {
      const scope = name.slice(0, Math.max(name.lastIndexOf('.'), 0));
      return kind === 'message' && (scope === '' || declared.get(scope) === 'package');
    })
    .map(([name]) => name);
}

/** The message `schema` names, with every field listed, or the reader's limit it goes past. */
function messageIn(schema: ProtobufSchema): SchemaRead<ProtobufSchema> {
  try {
    return { status: 'present', schema: assetSchema(schema), parsed: schema };
  } catch (error) {
    if (!(error instanceof ReadLimitError)) throw error;
    return { status: 'error', error: { ...failure(error.location.file, error.message, error.location.line), kind: 'limit' } };
  }
}
