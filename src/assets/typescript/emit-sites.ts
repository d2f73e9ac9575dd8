import ts from 'typescript';
import { locationOf, quoted } from './locations.js';
import type { ReadRequest } from './protocol.js';
import type { ReadScope } from './read-scope.js';
import type { EmitSite, Shape } from './shapes.js';
import type { TypeShapes } from './type-shapes.js';

type EmitRequest = Extract<ReadRequest, { kind: 'emitted' }>;

/**
 * The calls of the matched files that emit the event, each with the checker's type of its payload argument at that
 * call: generics instantiated there, spreads of known objects and helper functions that build the payload are the
 * checker's to resolve. A call matches by its callee's last names (`track` is any `.track(...)` or `track(...)`;
 * `analytics.track` needs both) and by its event argument, a string literal or anything whose type is that literal
 * (a `const`, an enum member). A matching call whose event name is not a constant is an approximation: it may emit
 * the event, and what it sends is not read.
 */
export function readEmitted(scope: ReadScope, types: TypeShapes, roots: readonly ts.SourceFile[], request: EmitRequest): EmitSite[] {
  const wanted = request.call.split('.').map((part) => part.trim());
  const sites: EmitSite[] = [];
  const ranks = new Map<string, number>();
  for (const file of roots) {
    const stack: ts.Node[] = [file];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isCallExpression(node) && endsWith(calleeNames(node.expression), wanted)) {
        const payload = emittedPayload(scope, node, request);
        if (payload !== undefined) {
          const enclosing = enclosingNames(node);
          const rank = ranks.get(enclosing) ?? 0;
          ranks.set(enclosing, rank + 1);
          const site: EmitSite = { origin: locationOf(node), key: `${enclosing}#${rank}` };
          const shape = payload === 'none' ? { kind: 'object' as const, properties: [] } : payloadShape(scope, types, payload);
          sites.push(shape ? { ...site, payload: shape } : site);
        }
      }
      const children: ts.Node[] = [];
      ts.forEachChild(node, (child) => {
        children.push(child);
      });
      stack.push(...children.reverse());
    }
  }
  return sites;
}

/** The payload argument of a call that emits the event (`none` when the call passes none); undefined for other calls. */
function emittedPayload(scope: ReadScope, call: ts.CallExpression, request: EmitRequest): ts.Expression | 'none' | undefined {
  const args = call.arguments;
  const spread = args.findIndex(ts.isSpreadElement);
  if (spread >= 0 && spread <= request.argument) {
    scope.approximations.at(call, `This call passes its arguments by a spread (${quoted(args[spread]!)}): whether it emits ${request.event}, and what it sends, is not read.`);
    return undefined;
  }
  if (request.argument > 0) {
    const [eventArgument] = args;
    if (!eventArgument) return undefined;
    const names = literalNames(scope.checker.getTypeAtLocation(eventArgument));
    if (!names) {
      scope.approximations.at(call, `This call's event (${quoted(eventArgument)}) is not a constant: if it can be ${request.event}, what it sends is not read.`);
      return undefined;
    }
    if (!names.includes(request.event)) return undefined;
    if (names.length > 1) {
      scope.approximations.at(call, `This call emits one of ${names.join(', ')}, which one is not known here: what it sends is not read.`);
      return undefined;
    }
  }
  return args[request.argument] ?? 'none';
}

/** The payload's shape when it is an object (or a union of objects); undefined, with an approximation, otherwise. */
function payloadShape(scope: ReadScope, types: TypeShapes, payload: ts.Expression): Shape | undefined {
  const shape = types.read(scope.checker.getTypeAtLocation(payload), payload, 'The payload');
  if (shape.kind === 'object' || (shape.kind === 'union' && shape.members.some((member) => member.kind === 'object'))) return shape;
  if (!(shape.kind === 'scalar' && shape.type === 'unknown')) {
    scope.approximations.at(payload, `The payload here is no object (${quoted(payload)}): its fields are not read.`);
  }
  return undefined;
}

/** The string literals a type is: one for a literal, several for a union of them; undefined for any other type. */
function literalNames(type: ts.Type): string[] | undefined {
  const members = type.isUnion() ? type.types : [type];
  const names = members.map((member) => (member.isStringLiteral() ? member.value : undefined));
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/** `this.analytics.track` as `['this', 'analytics', 'track']`; a part that is no name (a call's result) is `?`. */
function calleeNames(callee: ts.Expression): string[] {
  const names: string[] = [];
  let node: ts.Expression = callee;
  for (;;) {
    if (ts.isPropertyAccessExpression(node)) {
      names.unshift(node.name.text);
      node = node.expression;
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      names.unshift(node.argumentExpression.text);
      node = node.expression;
    } else if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) {
      node = node.expression;
    } else {
      names.unshift(ts.isIdentifier(node) ? node.text : node.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '?');
      return names;
    }
  }
}

function endsWith(names: readonly string[], wanted: readonly string[]): boolean {
  return wanted.length <= names.length && wanted.every((name, index) => names[names.length - wanted.length + index] === name);
}

/**
 * What names a call's place, whatever moves around it: its file and the declarations it sits in
 * (`src/checkout.ts#CheckoutService.placeOrder`).
 */
function enclosingNames(call: ts.Node): string {
  const names: string[] = [];
  for (let node = call.parent; !ts.isSourceFile(node); node = node.parent) {
    const name = (node as { name?: ts.Node }).name;
    const named =
      ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node);
    if (named && name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) names.unshift(name.text);
  }
  return `${locationOf(call).file}#${names.join('.')}`;
}
