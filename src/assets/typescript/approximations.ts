import ts from 'typescript';
import type { Approximation } from '../model.js';
import { quoted, repositoryLocationOf } from './locations.js';

/** What a read could not see, each said once at its line. */
export class Approximations {
  private readonly found = new Map<string, Approximation>();

  /** Notes `message` at `node`; nothing for a node of the compiler's own declarations. */
  at(node: ts.Node, message: string): void {
    const location = repositoryLocationOf(node);
    if (!location) return;
    this.add({ ...location, message });
  }

  add(approximation: Approximation): void {
    this.found.set(`${approximation.file}:${approximation.line}:${approximation.message}`, approximation);
  }

  list(): Approximation[] {
    return [...this.found.values()];
  }
}

/** How far a search for the origin of an unknown type looks: a declaration's own text and one variable it names. */
const MAX_NODES = 400;

/**
 * The module an unknown type comes from, described: the first identifier under `node` (or under the initializer of a
 * local variable it names) imported from a module TypeScript could not resolve, a package the repository does not
 * hold or a file that is not TypeScript. Undefined when the type is unknown for another reason.
 */
export function unreadModuleBehind(checker: ts.TypeChecker, node: ts.Node): string | undefined {
  let budget = MAX_NODES;
  const search = (root: ts.Node, followVariables: boolean): string | undefined => {
    let found: string | undefined;
    const visit = (current: ts.Node): void => {
      if (found !== undefined || budget-- <= 0) return;
      if (ts.isIdentifier(current)) {
        const symbol = ts.isShorthandPropertyAssignment(current.parent)
          ? checker.getShorthandAssignmentValueSymbol(current.parent)
          : checker.getSymbolAtLocation(current);
        found = symbol && unresolvedImportOf(checker, symbol);
        const variable = symbol?.valueDeclaration;
        if (found === undefined && followVariables && variable && ts.isVariableDeclaration(variable) && variable.initializer) {
          found = search(variable.initializer, false);
        }
        return;
      }
      ts.forEachChild(current, visit);
    };
    visit(root);
    return found;
  };
  const specifier = search(node, true);
  if (specifier === undefined) return undefined;
  return /^[./]/.test(specifier) ? `${specifier}, which is no TypeScript file of the repository` : `${specifier}, a package the repository does not hold`;
}

function unresolvedImportOf(checker: ts.TypeChecker, symbol: ts.Symbol): string | undefined {
  if (!(symbol.flags & ts.SymbolFlags.Alias)) return undefined;
  let node: ts.Node | undefined = symbol.declarations?.[0];
  while (node && !ts.isImportDeclaration(node) && !ts.isImportEqualsDeclaration(node)) node = node.parent;
  if (!node) return undefined;
  const specifier = ts.isImportDeclaration(node)
    ? node.moduleSpecifier
    : ts.isExternalModuleReference(node.moduleReference)
      ? node.moduleReference.expression
      : undefined;
  if (!specifier || !ts.isStringLiteral(specifier) || checker.getSymbolAtLocation(specifier)) return undefined;
  return specifier.text;
}

/**
 * Why a value's type is unknown, as a clause: a spread of an unknown value, a package, code the compiler cannot type
 * (it does not compile there), or `any` written or inferred.
 */
export function unknownTypeCause(checker: ts.TypeChecker, node: ts.Node, type?: ts.Type): string {
  const spread = unknownSpreadIn(checker, node);
  if (spread) return `it spreads ${quoted(spread)}, whose type is not known`;
  const origin = unreadModuleBehind(checker, node);
  if (origin !== undefined) return `its type comes from ${origin}`;
  const undeclared = undeclaredNameIn(checker, node);
  if (undeclared !== undefined) {
    return `it names ${undeclared}, which neither the repository nor the standard library declares (Node.js and DOM types are not read)`;
  }
  // The checker's own name for the type of what it could not type, as opposed to an `any` the code says.
  return (type as { intrinsicName?: string } | undefined)?.intrinsicName === 'error' ? 'the compiler cannot type it here (the code does not compile)' : 'it is typed any';
}

/** The approximation for a value of unknown type, about `label` (`"total"`, `The payload`). */
export function unknownTypeMessage(checker: ts.TypeChecker, node: ts.Node, label: string, type?: ts.Type): string {
  return `${label}: ${unknownTypeCause(checker, node, type)}, so it is read as unknown, and what it carries is not compared.`;
}

/** The first type or constructor named under `node` that nothing declares (`Buffer`, `URL` without their types). */
function undeclaredNameIn(checker: ts.TypeChecker, node: ts.Node): string | undefined {
  let budget = MAX_NODES;
  let found: string | undefined;
  const visit = (current: ts.Node): void => {
    if (found !== undefined || budget-- <= 0) return;
    const name = ts.isTypeReferenceNode(current) ? current.typeName : ts.isNewExpression(current) || ts.isCallExpression(current) ? current.expression : undefined;
    if (name && ts.isIdentifier(name) && !checker.getSymbolAtLocation(name)?.declarations?.length) found = name.text;
    else ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

function unknownSpreadIn(checker: ts.TypeChecker, node: ts.Node): ts.Expression | undefined {
  let budget = MAX_NODES;
  let found: ts.Expression | undefined;
  const visit = (current: ts.Node): void => {
    if (found || budget-- <= 0) return;
    if (ts.isSpreadAssignment(current) && checker.getTypeAtLocation(current.expression).flags & ts.TypeFlags.Any) found = current.expression;
    else ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}
