import protobuf from 'protobufjs';
import { isScalarKind } from './model.js';
import { bare, isMessage, isType, resolveReference, type SymbolKind } from './symbols.js';

/** A type reference, an extension's extended message or a method's message that names nothing the files declare. */
export interface Unresolved {
  /** The field's full name as the outlines name it (`acme.Order.note`, an extension's `acme.note`), or a method's. */
  field: string;
  reference: string;
}

type Symbols = ReadonlyMap<string, SymbolKind>;

/**
 * Gives every field of `root` the full name of the type it refers to, resolved as protoc would, and attaches every
 * extension to the message it extends, before protobufjs resolves anything by its own rules, which would search
 * every namespace for a name. Returns what does not resolve.
 */
export function linkReferences(root: protobuf.Root, symbols: Symbols): Unresolved[] {
  const unresolved: Unresolved[] = [];
  const pending: protobuf.NamespaceBase[] = [root];
  for (let namespace = pending.pop(); namespace; namespace = pending.pop()) {
    const scope = bare(namespace.fullName);
    if (namespace instanceof protobuf.Type) {
      for (const field of namespace.fieldsArray) {
        if (!field.declaringField) linkType(field, scope, symbols, unresolved);
      }
    }
    // A service is no data, but protobufjs fails the whole root on a method type it cannot find.
    if (namespace instanceof protobuf.Service) {
      for (const method of namespace.methodsArray) linkMethod(method, scope, symbols, unresolved);
    }
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Field && nested.extend !== undefined) linkExtension(root, nested, scope, symbols, unresolved);
      if (nested instanceof protobuf.Namespace) pending.push(nested);
    }
  }
  return unresolved;
}

function linkType(field: protobuf.Field, scope: string, symbols: Symbols, unresolved: Unresolved[]): void {
  if (isScalarKind(field.type)) return;
  const resolved = resolveReference(symbols, scope, field.type, isType);
  if (resolved === undefined) unresolved.push({ field: `${scope}.${field.name}`, reference: field.type });
  else field.type = `.${resolved}`;
}

function linkMethod(method: protobuf.Method, scope: string, symbols: Symbols, unresolved: Unresolved[]): void {
  for (const side of ['requestType', 'responseType'] as const) {
    const resolved = resolveReference(symbols, scope, method[side], isMessage);
    if (resolved === undefined) unresolved.push({ field: `${scope}.${method.name}`, reference: method[side] });
    else method[side] = `.${resolved}`;
  }
}

/**
 * Attaches an extension to the message protoc would choose, as protobufjs itself attaches one: through a copy of the
 * field placed in the extended message. parse.ts left it unattached.
 */
function linkExtension(root: protobuf.Root, field: protobuf.Field, scope: string, symbols: Symbols, unresolved: Unresolved[]): void {
  linkType(field, scope, symbols, unresolved);
  const extendee = resolveReference(symbols, scope, field.extend!, isMessage);
  const extended = extendee === undefined ? null : root.lookup(`.${extendee}`);
  if (!(extended instanceof protobuf.Type)) {
    unresolved.push({ field: bare(field.fullName), reference: field.extend! });
    return;
  }
  field.extend = `.${extendee}`;
  const copy = new protobuf.Field(field.fullName, field.id, field.type, field.rule, undefined, field.options);
  copy.declaringField = field;
  field.extensionField = copy;
  extended.add(copy);
}
