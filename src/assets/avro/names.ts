/**
 * A name as written where `namespace` is in force: a dotted name is already full (a leading dot, which avsc
 * accepts, names the null namespace); an empty namespace is the null namespace.
 */
export function qualify(name: string, namespace: string | undefined): string {
  if (name.includes('.')) return name.replace(/^\./, '');
  return namespace ? `${namespace}.${name}` : name;
}

/** The full name a named type's definition gives it: its own `namespace` attribute wins over the enclosing one. */
export function definedName(definition: { name: string; namespace?: unknown }, enclosingNamespace: string | undefined): string {
  const namespace = typeof definition.namespace === 'string' ? definition.namespace : enclosingNamespace;
  return qualify(definition.name, namespace);
}

/** The namespace that a named type puts in force for the names written inside it. */
export function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? undefined : fullName.slice(0, dot);
}

export function unqualified(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
