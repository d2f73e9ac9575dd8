import protobuf from 'protobufjs';

/** protobufjs's own names for fields, not its camel-cased ones: paths and renames use the names the .proto gives. */
const PARSE_OPTIONS: protobuf.IParseOptions = { keepCase: true };

type TypeWithIdIndex = protobuf.Type & { _fieldsById: Record<number, protobuf.Field> | null };

const originalTypeAdd = protobuf.Type.prototype.add;
const originalNamespaceAdd = protobuf.Namespace.prototype.add;
const idIndexes = new WeakMap<protobuf.Type, Record<number, protobuf.Field>>();

/**
 * Stands in as the copy of an extension in the message it extends until link.ts places the copy: an extension that
 * has one is taken by protobufjs as attached already.
 */
export const NOT_YET_ATTACHED = new protobuf.Field('not-yet-attached', 1, 'bool');

/**
 * protobufjs checks a new field's number against an index of the message's fields that it throws away and rebuilds
 * from every field on each addition, so a message of n fields takes n² steps to parse (10,000 fields: minutes). This
 * keeps one index per message across additions and hands it to protobufjs, which then only looks the number up.
 */
function addKeepingIdIndex(this: protobuf.Type, object: protobuf.ReflectionObject): protobuf.Type {
  if (!(object instanceof protobuf.Field) || object.extend !== undefined) return originalTypeAdd.call(this, object);
  const index = idIndexes.get(this) ?? {};
  idIndexes.set(this, index);
  // A field removed since it was indexed (protobufjs re-parents some) no longer holds its number.
  const indexed = index[object.id];
  if (indexed && indexed.parent !== this) delete index[object.id];
  (this as TypeWithIdIndex)._fieldsById = index;
  const added = originalTypeAdd.call(this, object);
  index[object.id] = object;
  return added;
}

/**
 * protobufjs attaches an extension to the message it extends as soon as it is added, looking the message up by its
 * own rules: after an import of another package, that can be the other package's message of the same name, and a
 * number that message already uses makes the file unreadable. Extensions are left unattached here; link.ts attaches
 * each once every file is in, to the message protoc would choose.
 */
function addLeavingExtensionsUnattached(this: protobuf.Namespace, object: protobuf.ReflectionObject): protobuf.Namespace {
  if (object instanceof protobuf.Field && object.extend !== undefined && !object.extensionField) object.extensionField = NOT_YET_ATTACHED;
  return originalNamespaceAdd.call(this, object);
}

/** Parses `text` into `root`. protobufjs is changed only while it parses: nothing else in the process sees it. */
export function parseInto(text: string, root: protobuf.Root): protobuf.Root {
  protobuf.Type.prototype.add = addKeepingIdIndex;
  protobuf.Namespace.prototype.add = addLeavingExtensionsUnattached;
  try {
    return protobuf.parse(text, root, PARSE_OPTIONS).root;
  } finally {
    protobuf.Type.prototype.add = originalTypeAdd;
    protobuf.Namespace.prototype.add = originalNamespaceAdd;
  }
}
