import ts from 'typescript';

/** zod's module and its subpaths (`zod/v4`, `zod/mini`). */
const isZodModule = (specifier: string): boolean => specifier === 'zod' || specifier.startsWith('zod/');

/**
 * What an identifier names in zod, read from the import that brings it (zod itself need not be installed): its
 * namespace (`import { z } from 'zod'`, `import * as z from 'zod'`, `import z from 'zod'`), one of its functions
 * (`import { object } from 'zod'`), or nothing of zod.
 */
export function zodBinding(checker: ts.TypeChecker, identifier: ts.Identifier): { kind: 'namespace' } | { kind: 'function'; name: string } | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
  if (!declaration) return undefined;
  let node: ts.Node = declaration;
  while (!ts.isImportDeclaration(node)) {
    if (ts.isSourceFile(node)) return undefined;
    node = node.parent;
  }
  if (!ts.isStringLiteral(node.moduleSpecifier) || !isZodModule(node.moduleSpecifier.text)) return undefined;
  if (ts.isNamespaceImport(declaration) || ts.isImportClause(declaration)) return { kind: 'namespace' };
  if (!ts.isImportSpecifier(declaration)) return undefined;
  const imported = (declaration.propertyName ?? declaration.name).text;
  return imported === 'z' ? { kind: 'namespace' } : { kind: 'function', name: imported };
}

/** The zod function a callee names: `z.string`, `z.coerce.number`, `z.iso.datetime`, or `string` imported from zod. */
export function zodFunctionOf(checker: ts.TypeChecker, callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) {
    const binding = zodBinding(checker, callee);
    return binding?.kind === 'function' ? binding.name : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const isNamespace = (node: ts.Expression) => ts.isIdentifier(node) && zodBinding(checker, node)?.kind === 'namespace';
  const receiver = callee.expression;
  if (isNamespace(receiver)) return callee.name.text;
  if (ts.isPropertyAccessExpression(receiver) && isNamespace(receiver.expression) && ['coerce', 'iso'].includes(receiver.name.text)) {
    return receiver.name.text === 'iso' ? 'string' : callee.name.text;
  }
  return undefined;
}

/** Whether a type alias is zod's inference from a schema (`z.infer<typeof Order>`): the schema it names, if so. */
export function inferredSchema(checker: ts.TypeChecker, alias: ts.TypeAliasDeclaration): ts.EntityName | undefined {
  const { type } = alias;
  if (!ts.isTypeReferenceNode(type) || !ts.isQualifiedName(type.typeName)) return undefined;
  const { left, right } = type.typeName;
  if (!ts.isIdentifier(left) || zodBinding(checker, left)?.kind !== 'namespace') return undefined;
  if (!['infer', 'output', 'input', 'TypeOf'].includes(right.text)) return undefined;
  const [argument] = type.typeArguments ?? [];
  return argument && ts.isTypeQueryNode(argument) ? argument.exprName : undefined;
}
