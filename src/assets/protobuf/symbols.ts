import protobuf from 'protobufjs';

export type SymbolKind = 'package' | 'message' | 'enum' | 'extension' | 'service';

/** protobufjs's full names start with a dot. */
export function bare(fullName: string): string {
  return fullName.replace(/^\./, '');
}

/** Every package, message, enum, extension and service a protobufjs namespace declares, by full name. */
export function declaredSymbols(namespace: protobuf.NamespaceBase): Map<string, SymbolKind> {
  const symbols = new Map<string, SymbolKind>();
  const pending: protobuf.NamespaceBase[] = [namespace];
  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const nested of current.nestedArray) {
      const fullName = bare(nested.fullName);
      if (nested instanceof protobuf.Type) symbols.set(fullName, 'message');
      else if (nested instanceof protobuf.Enum) symbols.set(fullName, 'enum');
      else if (nested instanceof protobuf.Field && nested.extend !== undefined) symbols.set(fullName, 'extension');
      else if (nested instanceof protobuf.Service) symbols.set(fullName, 'service');
      else if (nested instanceof protobuf.Namespace) symbols.set(fullName, 'package');
      if (nested instanceof protobuf.Namespace) pending.push(nested);
    }
  }
  return symbols;
}

function join(scope: string, name: string): string {
  return scope ? `${scope}.${name}` : name;
}

function parentScope(scope: string): string {
  return scope.slice(0, Math.max(scope.lastIndexOf('.'), 0));
}

/**
 * A type reference resolved as protoc resolves it, not as protobufjs does: protobufjs also searches every namespace
 * nested below each scope, so `Status` written in acme.Order can land on acme.Order.Line.Status instead of
 * acme.Status. protoc tries the reference's first part in the innermost scope first, then each enclosing one; once
 * the first part names something, a dotted reference must resolve inside it or not at all.
 */
export function resolveReference(
  symbols: ReadonlyMap<string, SymbolKind>,
  scope: string,
  reference: string,
  accepts: (kind: SymbolKind | undefined) => boolean,
): string | undefined {
  if (reference.startsWith('.')) return accepts(symbols.get(reference.slice(1))) ? reference.slice(1) : undefined;
  const dot = reference.indexOf('.');
  const first = dot < 0 ? reference : reference.slice(0, dot);
  for (let current = scope; ; current = parentScope(current)) {
    const candidate = join(current, first);
    const kind = symbols.get(candidate);
    // Extensions are fields: protoc passes over them looking for a type.
    if (kind && kind !== 'extension') {
      if (dot >= 0) {
        const fullName = join(current, reference);
        return accepts(symbols.get(fullName)) ? fullName : undefined;
      }
      if (accepts(kind)) return candidate;
    }
    if (current === '') return undefined;
  }
}

export const isType = (kind: SymbolKind | undefined): boolean => kind === 'message' || kind === 'enum';
export const isMessage = (kind: SymbolKind | undefined): boolean => kind === 'message';
