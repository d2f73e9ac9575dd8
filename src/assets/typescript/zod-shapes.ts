import ts from 'typescript';
import { unreadModuleBehind } from './approximations.js';
import { endOf, locationOf, quoted } from './locations.js';
import { MAX_DEPTH, propertyLabel, type ReadScope, spend } from './read-scope.js';
import type { ObjectShape, PropertyShape, Shape, ValuesOrigin } from './shapes.js';
import type { TypeShapes } from './type-shapes.js';
import { zodBinding, zodFunctionOf } from './zod-imports.js';
import { KEEPING, maskOf, OPENING, propertyName, SCALARS, scalar, skipOuter, TRANSFORMING, UNKNOWN, unionOf, value, withProperties, type ZodValue } from './zod-values.js';

interface Place {
  prefix: string;
  label: string;
  /** The schema constants being read around this one: one met again is recursive. */
  resolving: ReadonlySet<ts.Node>;
}

/**
 * Reads a zod schema from its calls, as written (zod need not be installed): `z.object({...})` and its properties,
 * scalars, `z.enum`, `z.literal`, `z.nativeEnum`, arrays, unions, `.optional()` / `.nullable()` / `.nullish()` /
 * `.default()`, `.int()`, and `.extend` / `.merge` / `.pick` / `.omit` / `.partial` / `.required` of schemas the
 * program defines. Constants are followed to their schema, across files. What it does not read is an approximation
 * at its line, and unknown: a transform's output, `z.lazy`, `z.custom`, a method it does not know.
 */
export class ZodShapes {
  constructor(
    private readonly scope: ReadScope,
    private readonly types: TypeShapes,
  ) {}

  /** Whether an expression is a zod schema: its chain of calls starts at zod, or at a constant that is a schema. */
  isSchema(expression: ts.Expression, hops = 0): boolean {
    let node: ts.Expression = skipOuter(expression);
    while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) node = skipOuter(node.expression);
    if (!ts.isIdentifier(node)) return false;
    if (zodBinding(this.scope.checker, node)) return true;
    const declaration = this.schemaDeclaration(node);
    return hops < MAX_DEPTH && declaration !== undefined && this.isSchema(declaration.initializer!, hops + 1);
  }

  /** The shape of the values the schema accepts, named `label` in messages. */
  read(expression: ts.Expression, label: string): Shape {
    return this.valueOf(expression, { prefix: '', label, resolving: new Set() }).shape;
  }

  private valueOf(expression: ts.Expression, place: Place): ZodValue {
    spend(this.scope, expression);
    const node = skipOuter(expression);
    if (ts.isCallExpression(node)) {
      const zodFunction = zodFunctionOf(this.scope.checker, node.expression);
      if (zodFunction !== undefined) return this.made(zodFunction, node, place);
      if (ts.isPropertyAccessExpression(node.expression)) {
        return this.applied(this.valueOf(node.expression.expression, place), node.expression.name.text, node, place);
      }
      const origin = unreadModuleBehind(this.scope.checker, node.expression);
      const from = origin === undefined ? '' : ` (it comes from ${origin})`;
      return this.unread(node, place, `${quoted(node.expression)}(...) is no zod schema this reader reads${from}`);
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return this.referenced(node, place);
    return this.unread(node, place, `${quoted(node)} is no zod schema this reader reads`);
  }

  /** A constant holding a schema, or one schema's property (`Order.shape.total`). */
  private referenced(node: ts.Identifier | ts.PropertyAccessExpression, place: Place): ZodValue {
    if (ts.isPropertyAccessExpression(node)) {
      const owner = node.expression;
      if (!ts.isPropertyAccessExpression(owner) || owner.name.text !== 'shape') return this.unread(node, place, `${quoted(node)} is no zod schema this reader reads`);
      const property = this.objectOf(this.valueOf(owner.expression, place), owner, place)?.properties.find((found) => found.name === node.name.text);
      return property ? { shape: property.shape, optional: property.optional, nullable: property.nullable } : this.unread(node, place, `${quoted(node)} names no property of that schema`);
    }
    const declaration = this.schemaDeclaration(node);
    if (!declaration) {
      const origin = unreadModuleBehind(this.scope.checker, node);
      const why = origin === undefined ? `${node.text} is no schema constant of the repository` : `${node.text} comes from ${origin}`;
      return this.unread(node, place, why);
    }
    if (place.resolving.has(declaration)) return this.unread(node, place, `${node.text} refers to itself`);
    this.scope.consulted.add(locationOf(declaration).file);
    return this.valueOf(declaration.initializer!, { ...place, resolving: new Set([...place.resolving, declaration]) });
  }

  /** The variable declaration (with an initializer) an identifier names, through imports. */
  private schemaDeclaration(identifier: ts.Identifier): ts.VariableDeclaration | undefined {
    const { checker } = this.scope;
    let symbol = ts.isShorthandPropertyAssignment(identifier.parent) ? checker.getShorthandAssignmentValueSymbol(identifier.parent) : checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? declaration : undefined;
  }

  /** A schema made by one of zod's functions. */
  private made(name: string, call: ts.CallExpression, place: Place): ZodValue {
    const [first, second] = call.arguments;
    const scalarType = SCALARS[name];
    if (scalarType) return scalar(scalarType);
    switch (name) {
      case 'any':
        return this.unread(call, place, 'z.any() accepts any value');
      case 'undefined':
      case 'void':
        return { ...scalar('undefined'), optional: true };
      case 'literal':
        return first ? this.literal(first, place) : this.unread(call, place, 'z.literal() names no value');
      case 'enum':
      case 'nativeEnum':
        return first ? this.enumeration(first, call, place) : this.unread(call, place, `z.${name}() names no values`);
      case 'object':
      case 'strictObject':
      case 'looseObject':
        if (name === 'looseObject') this.opened(call, place, name);
        return value(this.object(first, call, place));
      case 'array':
        return first ? value({ kind: 'array', items: this.itemOf(this.valueOf(first, place)) }) : this.unread(call, place, 'z.array() names no items');
      case 'tuple':
        return value({ kind: 'array', items: this.itemOf(unionOf(this.elementsOf(first, call, place))) });
      case 'union':
        return unionOf(this.elementsOf(first, call, place));
      case 'discriminatedUnion':
        return unionOf(this.elementsOf(second, call, place));
      case 'intersection':
        return first && second ? this.intersection(this.valueOf(first, place), this.valueOf(second, place), call, place) : this.unread(call, place, 'z.intersection() needs two schemas');
      case 'optional':
      case 'nullable':
      case 'nullish':
        return first ? this.applied(this.valueOf(first, place), name, call, place) : this.unread(call, place, `z.${name}() wraps no schema`);
      case 'record':
      case 'map':
      case 'partialRecord':
        this.scope.approximations.at(call, `${place.label} takes any key (z.${name}): its entries are not read as fields.`);
        return value({ kind: 'object', properties: [] });
      default:
        return this.unread(call, place, `zod's ${name}() is not read by this reader`);
    }
  }

  /** A schema's method applied to the schema it is called on. */
  private applied(on: ZodValue, method: string, call: ts.CallExpression, place: Place): ZodValue {
    const [first] = call.arguments;
    if (KEEPING.has(method)) return on;
    if (TRANSFORMING.has(method)) {
      this.scope.approximations.at(call, `${place.label} is transformed (.${method}): what consumers receive is not read, only what the schema accepts.`);
      return on;
    }
    if (OPENING.has(method)) {
      this.opened(call, place, method);
      return on;
    }
    switch (method) {
      case 'optional':
        return { ...on, optional: true };
      case 'nullable':
        return { ...on, nullable: true };
      case 'nullish':
        return { ...on, optional: true, nullable: true };
      case 'default':
      case 'prefault':
        return { ...on, optional: false, ...(first ? { default: quoted(first, 100) } : {}) };
      case 'int':
        return on.shape.kind === 'scalar' && on.shape.type === 'number' ? { ...on, shape: { kind: 'scalar', type: 'integer' } } : on;
      case 'array':
        return value({ kind: 'array', items: this.itemOf(on) });
      case 'or':
        return first ? unionOf([on, this.valueOf(first, place)]) : on;
      case 'and':
        return first ? this.intersection(on, this.valueOf(first, place), call, place) : on;
      case 'extend':
      case 'safeExtend':
        return this.reshaped(on, call, place, (properties) => withProperties(properties, this.propertiesOf(first, call, place)));
      case 'merge':
        return this.reshaped(on, call, place, (properties) =>
          withProperties(properties, first ? (this.objectOf(this.valueOf(first, place), call, place)?.properties ?? []) : []),
        );
      case 'pick':
      case 'omit': {
        const names = maskOf(first);
        return this.reshaped(on, call, place, (properties) => properties.filter((property) => names.has(property.name) === (method === 'pick')));
      }
      case 'partial':
      case 'required': {
        const names = first ? maskOf(first) : undefined;
        return this.reshaped(on, call, place, (properties) =>
          properties.map((property) => (!names || names.has(property.name) ? { ...property, optional: method === 'partial' } : property)),
        );
      }
      default:
        return this.unread(call, place, `.${method}() is not read by this reader`);
    }
  }

  private object(argument: ts.Expression | undefined, call: ts.Node, place: Place): ObjectShape {
    const literal = argument ? this.objectLiteral(argument) : undefined;
    if (argument && !literal) {
      this.scope.approximations.at(call, `${place.label} is built from ${quoted(argument)}, whose properties this reader cannot follow: they are not read.`);
      return { kind: 'object', properties: [] };
    }
    return { kind: 'object', properties: literal ? this.propertiesOf(literal, call, place) : [], ...(literal ? { end: endOf(literal) } : {}) };
  }

  /** The object literal an argument is, directly or through a constant. */
  private objectLiteral(argument: ts.Expression): ts.ObjectLiteralExpression | undefined {
    const node = skipOuter(argument);
    if (ts.isObjectLiteralExpression(node)) return node;
    if (!ts.isIdentifier(node)) return undefined;
    const initializer = this.schemaDeclaration(node)?.initializer;
    return initializer && ts.isObjectLiteralExpression(skipOuter(initializer)) ? (skipOuter(initializer) as ts.ObjectLiteralExpression) : undefined;
  }

  /** The properties an object literal of schemas declares, spreads of other schemas' `.shape` included. */
  private propertiesOf(argument: ts.Expression | undefined, call: ts.Node, place: Place): PropertyShape[] {
    const literal = argument && this.objectLiteral(argument);
    if (!literal) {
      this.scope.approximations.at(call, `${place.label} is extended with ${argument ? quoted(argument) : 'nothing'}, whose properties this reader cannot follow: they are not read.`);
      return [];
    }
    let properties: PropertyShape[] = [];
    for (const property of literal.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = skipOuter(property.expression);
        const owner = ts.isPropertyAccessExpression(spread) && spread.name.text === 'shape' ? spread.expression : undefined;
        const object = owner && this.objectOf(this.valueOf(owner, place), property, place);
        if (object) properties = withProperties(properties, object.properties);
        else this.scope.approximations.at(property, `${place.label} spreads ${quoted(property.expression)}, which is no schema's .shape: what it adds is not read.`);
        continue;
      }
      const name = property.name && propertyName(property.name);
      if (name === undefined || !(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))) {
        this.scope.approximations.at(property, `${place.label} has a property this reader cannot name (${quoted(property)}): it is not read.`);
        continue;
      }
      const path = `${place.prefix}${name}`;
      const inner: Place = { ...place, prefix: `${path}.`, label: propertyLabel(path) };
      const read = ts.isPropertyAssignment(property) ? this.valueOf(property.initializer, inner) : this.referenced(property.name, inner);
      properties = withProperties(properties, [
        {
          name,
          shape: read.shape,
          optional: read.optional,
          nullable: read.nullable,
          ...(read.default !== undefined ? { default: read.default } : {}),
          origin: locationOf(property),
        },
      ]);
    }
    return properties;
  }

  private objectOf(read: ZodValue, at: ts.Node, place: Place): ObjectShape | undefined {
    if (read.shape.kind === 'object') return read.shape;
    this.scope.approximations.at(at, `${place.label} is no z.object() here: its properties are not read.`);
    return undefined;
  }

  private reshaped(on: ZodValue, call: ts.CallExpression, place: Place, change: (properties: PropertyShape[]) => PropertyShape[]): ZodValue {
    const object = this.objectOf(on, call, place);
    return object ? { ...on, shape: { ...object, properties: change(object.properties) } } : on;
  }

  private intersection(left: ZodValue, right: ZodValue, call: ts.Node, place: Place): ZodValue {
    const [a, b] = [this.objectOf(left, call, place), this.objectOf(right, call, place)];
    return a && b ? value({ ...a, properties: withProperties(a.properties, b.properties) }) : value(UNKNOWN);
  }

  private elementsOf(argument: ts.Expression | undefined, call: ts.CallExpression, place: Place): ZodValue[] {
    const node = argument && skipOuter(argument);
    if (!node || !ts.isArrayLiteralExpression(node)) return [this.unread(argument ?? call, place, 'the members of this union or tuple are not a list this reader reads')];
    return node.elements.map((element) => this.valueOf(element, place));
  }

  private itemOf(item: ZodValue): Shape {
    const extra: Shape[] = [...(item.nullable ? [{ kind: 'scalar', type: 'null' } as const] : []), ...(item.optional ? [{ kind: 'scalar', type: 'undefined' } as const] : [])];
    return extra.length === 0 ? item.shape : { kind: 'union', members: [item.shape, ...extra] };
  }

  private literal(argument: ts.Expression, place: Place): ZodValue {
    const node = skipOuter(argument);
    if (ts.isArrayLiteralExpression(node)) return unionOf(node.elements.map((element) => this.literal(element, place)));
    if (ts.isStringLiteralLike(node)) return value({ kind: 'scalar', type: 'string', values: [node.text] });
    if (ts.isNumericLiteral(node)) return value({ kind: 'scalar', type: 'number', values: [String(Number(node.text))] });
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return scalar('boolean');
    if (node.kind === ts.SyntaxKind.NullKeyword) return { ...scalar('null'), nullable: true };
    const type = this.scope.checker.getTypeAtLocation(node);
    return value(this.types.read(type, node, place.label));
  }

  /** `z.enum(['a', 'b'])`, `z.enum(STATUSES)` of a constant tuple, `z.nativeEnum(Status)` of a TypeScript enum. */
  private enumeration(argument: ts.Expression, call: ts.CallExpression, place: Place): ZodValue {
    const node = skipOuter(argument);
    if (ts.isArrayLiteralExpression(node)) {
      const members = node.elements.filter(ts.isStringLiteralLike);
      const lines: ValuesOrigin['lines'] = Object.fromEntries(members.map((member) => [member.text, locationOf(member)]));
      return value({ kind: 'scalar', type: 'string', values: members.map((member) => member.text), valuesOrigin: { at: locationOf(call), lines } });
    }
    const { checker } = this.scope;
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const type = symbol && symbol.flags & ts.SymbolFlags.Enum ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeAtLocation(node);
    const read = this.types.read(type, node, place.label);
    const members = read.kind === 'array' ? read.items : read;
    if (members.kind === 'scalar' && members.values) return value(members);
    return this.unread(call, place, `the values of ${quoted(argument)} are not a list of literals this reader reads`);
  }

  private opened(call: ts.Node, place: Place, method: string): void {
    this.scope.approximations.at(call, `${place.label} lets any other key through (${method}): only its named properties are read.`);
  }

  private unread(node: ts.Node, place: Place, why: string): ZodValue {
    this.scope.approximations.at(node, `${place.label}: ${why}, so it is read as unknown, and what it carries is not compared.`);
    return value(UNKNOWN);
  }
}
