import ts from 'typescript';
import { unknownTypeCause, unreadModuleBehind } from './approximations.js';
import { locationOf, quoted } from './locations.js';
import type { ReadScope } from './read-scope.js';
import type { DeclarationKind, Shape } from './shapes.js';
import type { TypeShapes } from './type-shapes.js';
import { inferredSchema } from './zod-imports.js';
import type { ZodShapes } from './zod-shapes.js';

export type DeclaredRead =
  | { found: 'none' }
  | { found: 'one'; kind: DeclarationKind; declaration: ts.Node; shape: Shape }
  | { found: 'failed'; at: ts.Node; message: string };

/**
 * The exported declaration named `name` among the matched files: an interface, a type alias or a class read by the
 * checker, or a zod schema constant read from its calls (a `z.infer<typeof Schema>` alias reads the schema).
 */
export function readDeclared(scope: ReadScope, readers: { types: TypeShapes; zod: ZodShapes }, roots: readonly ts.SourceFile[], name: string): DeclaredRead {
  const found = exportedSymbols(scope.checker, roots, name);
  const [symbol, another] = found;
  if (!symbol) return { found: 'none' };
  const [first] = symbol.declarations ?? [];
  if (another) {
    const [elsewhere = roots[0]!] = another.declarations ?? [];
    const [a, b] = [first ? locationOf(first) : undefined, locationOf(elsewhere)];
    return {
      found: 'failed',
      at: elsewhere,
      message: `${name} is exported by more than one of the matched files (${a ? `${a.file}:${a.line} and ` : ''}${b.file}:${b.line}): narrow asset.source to the file that declares the one meant`,
    };
  }
  if (!first) return { found: 'failed', at: roots[0]!, message: `${name} is re-exported from a module the repository does not hold, so its declaration cannot be read` };
  const declarations = symbol.declarations ?? [];
  const typeDeclaration = declarations.find((node) => ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node));
  if (typeDeclaration && ts.isTypeAliasDeclaration(typeDeclaration)) {
    const schema = inferredSchema(scope.checker, typeDeclaration);
    if (schema) return readSchemaOf(scope, readers.zod, schema, name);
  }
  if (typeDeclaration) return readType(scope, readers.types, symbol, typeDeclaration, name);
  const variable = declarations.find(ts.isVariableDeclaration);
  if (variable?.initializer && readers.zod.isSchema(variable.initializer)) return objectRead('zod', variable, readers.zod.read(variable.initializer, name), name);
  const what = variable ? 'a constant, but no zod schema this reader reads' : `no interface, type alias, class or zod schema (${ts.SyntaxKind[first.kind]})`;
  return { found: 'failed', at: first, message: `${name} is ${what}: a contract on TypeScript names one of those` };
}

function readType(scope: ReadScope, types: TypeShapes, symbol: ts.Symbol, declaration: ts.Node, name: string): DeclaredRead {
  const type = scope.checker.getDeclaredTypeOfSymbol(symbol);
  if (type.flags & ts.TypeFlags.Any) {
    return { found: 'failed', at: declaration, message: `the type of ${name} is not known (${unknownTypeCause(scope.checker, declaration, type)}), so none of its properties can be read` };
  }
  if (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
    for (const clause of declaration.heritageClauses ?? []) {
      for (const base of clause.types) {
        if (!(scope.checker.getTypeAtLocation(base).flags & ts.TypeFlags.Any)) continue;
        const origin = unreadModuleBehind(scope.checker, base);
        const from = origin === undefined ? 'whose type is not known' : `from ${origin}`;
        scope.approximations.at(base, `${name} extends ${quoted(base)}, ${from}: the properties it brings are not read.`);
      }
    }
  }
  const kind: DeclarationKind = ts.isInterfaceDeclaration(declaration) ? 'interface' : ts.isClassDeclaration(declaration) ? 'class' : 'type';
  return objectRead(kind, declaration, types.read(type, declaration, name), name);
}

function readSchemaOf(scope: ReadScope, zod: ZodShapes, schema: ts.EntityName, name: string): DeclaredRead {
  let symbol = scope.checker.getSymbolAtLocation(schema);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = scope.checker.getAliasedSymbol(symbol);
  const variable = symbol?.valueDeclaration;
  if (!variable || !ts.isVariableDeclaration(variable) || !variable.initializer || !zod.isSchema(variable.initializer)) {
    return { found: 'failed', at: schema, message: `${name} is inferred from ${quoted(schema)}, which is no zod schema this reader can find` };
  }
  return objectRead('zod', variable, zod.read(variable.initializer, name), name);
}

/** A contract's fields are an object's properties: a declaration of anything else cannot be its asset. */
function objectRead(kind: DeclarationKind, declaration: ts.Node, shape: Shape, name: string): DeclaredRead {
  const isObject = (candidate: Shape): boolean => candidate.kind === 'object' || (candidate.kind === 'union' && candidate.members.some(isObject));
  if (isObject(shape)) return { found: 'one', kind, declaration, shape };
  return { found: 'failed', at: declaration, message: `${name} is no object type (it reads as ${describe(shape)}): a contract's fields are an object's properties` };
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'scalar':
      return shape.type;
    case 'array':
      return 'an array';
    case 'union':
      return 'a union of non-objects';
    case 'object':
      return 'an object';
  }
}

/** The symbols the matched files export under `name` (or as their default export of that name), each once. */
function exportedSymbols(checker: ts.TypeChecker, roots: readonly ts.SourceFile[], name: string): ts.Symbol[] {
  const found = new Set<ts.Symbol>();
  for (const file of roots) {
    const module = checker.getSymbolAtLocation(file);
    if (!module) {
      for (const symbol of checker.getSymbolsInScope(file, ts.SymbolFlags.Type | ts.SymbolFlags.Variable)) {
        if (symbol.name === name && symbol.declarations?.some((declaration) => declaration.getSourceFile() === file)) found.add(symbol);
      }
      continue;
    }
    for (const exported of checker.getExportsOfModule(module)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (exported.name === name || (exported.name === 'default' && target.name === name)) found.add(target);
    }
  }
  return [...found];
}
