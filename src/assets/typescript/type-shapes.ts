import ts from 'typescript';
import { unknownTypeMessage } from './approximations.js';
import { endOf, isLibraryFile, quoted, repositoryLocationOf } from './locations.js';
import { MAX_DEPTH, propertyLabel, type ReadScope, spend } from './read-scope.js';
import type { ObjectShape, PropertyShape, Shape, ValuesOrigin } from './shapes.js';

/** Where a read stands in the value: the dotted path so far, and how messages name the value there. */
interface Place {
  prefix: string;
  label: string;
  depth: number;
  /** The object types being read around this one: a type met again is recursive, and is not expanded twice. */
  enclosing: readonly ts.Type[];
}

const UNKNOWN: Shape = { kind: 'scalar', type: 'unknown' };
const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike;

function includes(type: ts.Type, flags: ts.TypeFlags): boolean {
  return (type.flags & flags) !== 0 || (type.isUnion() && type.types.some((member) => (member.flags & flags) !== 0));
}

/** Whether a type is one the compiler declares itself (`Map`, `Promise`, `RegExp`): an opaque object to a reader. */
function isLibraryInterface(type: ts.Type, name?: string): boolean {
  const symbol = type.getSymbol();
  if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return false;
  if (name !== undefined && symbol.name !== name) return false;
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isLibraryFile(declaration.getSourceFile()));
}

/**
 * Reads the checker's types into shapes: properties with their optionality (`?`, `| undefined`), nullability
 * (`| null`) and line; literal unions and enums as allowed values; `Date` as a timestamp; a branded primitive
 * (`string & { __brand: 'Id' }`) as its primitive; arrays by their items. What a type does not say is an
 * approximation at its line: `any` (and types from packages the repository does not hold, which the checker reads
 * as `any`), index signatures, computed keys, type parameters left open.
 */
export class TypeShapes {
  constructor(private readonly scope: ReadScope) {}

  /** The shape of a value of `type`, read at `node`; `label` names the value in messages (`The payload`, `Order`). */
  read(type: ts.Type, node: ts.Node, label: string): Shape {
    return this.shapeOf(type, node, { prefix: '', label, depth: 0, enclosing: [] });
  }

  /** Where a literal union's or an enum's members are written, when a type alias or an enum declares them. */
  private valuesOrigin(type: ts.Type): ValuesOrigin | undefined {
    const alias = type.aliasSymbol?.declarations?.find(ts.isTypeAliasDeclaration);
    if (alias && ts.isUnionTypeNode(alias.type)) {
      const members = alias.type.types.filter(ts.isLiteralTypeNode);
      return this.originOf(alias, members.map((member) => [literalText(member.literal), member]));
    }
    const enumDeclaration = type.getSymbol()?.declarations?.find(ts.isEnumDeclaration);
    if (enumDeclaration) {
      return this.originOf(
        enumDeclaration,
        enumDeclaration.members.map((member) => [String(this.scope.checker.getConstantValue(member)), member]),
      );
    }
    return undefined;
  }

  private originOf(declaration: ts.Node, members: [string | undefined, ts.Node][]): ValuesOrigin | undefined {
    const at = repositoryLocationOf(declaration);
    if (!at) return undefined;
    const lines: ValuesOrigin['lines'] = {};
    for (const [value, node] of members) if (value !== undefined) lines[value] = repositoryLocationOf(node) ?? at;
    return { at, lines };
  }

  private shapeOf(type: ts.Type, node: ts.Node, place: Place): Shape {
    spend(this.scope, node);
    const { flags } = type;
    if (flags & ts.TypeFlags.Any) {
      this.scope.approximations.at(node, unknownTypeMessage(this.scope.checker, node, place.label, type));
      return UNKNOWN;
    }
    if (flags & ts.TypeFlags.Unknown) return UNKNOWN;
    if (flags & ts.TypeFlags.Boolean) return { kind: 'scalar', type: 'boolean' };
    if (type.isUnion()) return this.unionOf(type, node, place);
    if (type.isIntersection()) {
      const primitive = type.types.find((member) => member.flags & PRIMITIVE);
      return primitive ? this.shapeOf(primitive, node, place) : this.objectLike(type, node, place);
    }
    if (type.isStringLiteral()) return { kind: 'scalar', type: 'string', values: [type.value] };
    if (type.isNumberLiteral()) return { kind: 'scalar', type: 'number', values: [String(type.value)] };
    if (flags & ts.TypeFlags.StringLike) return { kind: 'scalar', type: 'string' };
    if (flags & ts.TypeFlags.NumberLike) return { kind: 'scalar', type: 'number' };
    if (flags & ts.TypeFlags.BigIntLike) return { kind: 'scalar', type: 'bigint' };
    if (flags & ts.TypeFlags.BooleanLike) return { kind: 'scalar', type: 'boolean' };
    if (flags & ts.TypeFlags.Null) return { kind: 'scalar', type: 'null' };
    if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return { kind: 'scalar', type: 'undefined' };
    if (flags & ts.TypeFlags.Never) return { kind: 'scalar', type: 'never' };
    if (flags & ts.TypeFlags.ESSymbolLike) return { kind: 'scalar', type: 'symbol' };
    if (flags & ts.TypeFlags.NonPrimitive) return { kind: 'scalar', type: 'object' };
    if (flags & ts.TypeFlags.Object) return this.objectLike(type, node, place);
    return this.openType(type, node, place);
  }

  /** A type parameter, or a conditional or indexed type left open: read as its constraint, else unknown. */
  private openType(type: ts.Type, node: ts.Node, place: Place): Shape {
    const constraint = this.scope.checker.getBaseConstraintOfType(type);
    if (constraint && constraint !== type && !(constraint.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any))) return this.shapeOf(constraint, node, place);
    const written = this.scope.checker.typeToString(type);
    this.scope.approximations.at(node, `${place.label} is typed ${written}, which stays open here: it is read as unknown, and what it carries is not compared.`);
    return UNKNOWN;
  }

  /** A union: its literal members as one enum per primitive, every other member as its own shape. */
  private unionOf(type: ts.UnionType, node: ts.Node, place: Place): Shape {
    const strings: string[] = [];
    const numbers: string[] = [];
    const members: Shape[] = [];
    let booleans = false;
    for (const member of type.types) {
      if (member.isStringLiteral()) strings.push(member.value);
      else if (member.isNumberLiteral()) numbers.push(String(member.value));
      else if (member.flags & ts.TypeFlags.BooleanLiteral) booleans = true;
      else members.push(this.shapeOf(member, node, place));
    }
    const valuesOrigin = strings.length + numbers.length > 0 ? this.valuesOrigin(type) : undefined;
    const origin = valuesOrigin ? { valuesOrigin } : {};
    if (strings.length > 0) members.push({ kind: 'scalar', type: 'string', values: strings, ...origin });
    if (numbers.length > 0) members.push({ kind: 'scalar', type: 'number', values: numbers, ...origin });
    if (booleans) members.push({ kind: 'scalar', type: 'boolean' });
    return members.length === 1 ? members[0]! : { kind: 'union', members };
  }

  private objectLike(type: ts.Type, node: ts.Node, place: Place): Shape {
    const { checker } = this.scope;
    if (checker.isArrayType(type)) return { kind: 'array', items: this.itemsOf(checker.getTypeArguments(type as ts.TypeReference), node, place) };
    if (checker.isTupleType(type)) return { kind: 'array', items: this.itemsOf(checker.getTypeArguments(type as ts.TypeReference), node, place) };
    if (isLibraryInterface(type, 'Date')) return { kind: 'scalar', type: 'timestamp' };
    if (isLibraryInterface(type)) return { kind: 'scalar', type: 'object' };
    if (place.enclosing.includes(type)) return { kind: 'object', properties: [] };
    if (place.depth >= MAX_DEPTH) {
      if (!this.scope.cutDeep) this.scope.approximations.at(node, `${place.label} nests deeper than ${MAX_DEPTH} levels: what is below it (and below any other object that deep) is not read.`);
      this.scope.cutDeep = true;
      return { kind: 'object', properties: [] };
    }
    return this.objectShape(type, node, place);
  }

  private itemsOf(types: readonly ts.Type[], node: ts.Node, place: Place): Shape {
    const items = types.map((item) => this.shapeOf(item, node, { ...place, depth: place.depth + 1 }));
    return items.length === 1 ? items[0]! : { kind: 'union', members: items };
  }

  private objectShape(type: ts.Type, node: ts.Node, place: Place): ObjectShape {
    const { checker } = this.scope;
    const declarations = (type.getSymbol()?.declarations ?? []).filter((declaration) => !isLibraryFile(declaration.getSourceFile()));
    const literals = declarations.filter(ts.isObjectLiteralExpression);
    for (const literal of literals) this.unreadKeys(literal, place);
    for (const index of checker.getIndexInfosOfType(type)) {
      const at = index.declaration && !isLibraryFile(index.declaration.getSourceFile()) ? index.declaration : literals.length === 0 ? node : undefined;
      if (at) this.scope.approximations.at(at, `${place.label} takes any ${checker.typeToString(index.keyType)} key (an index signature): only its named properties are read.`);
    }
    const inner: Place = { ...place, depth: place.depth + 1, enclosing: [...place.enclosing, type] };
    const properties = checker
      .getPropertiesOfType(type)
      .filter(isDataProperty)
      .flatMap((property) => this.propertyOf(property, node, inner) ?? []);
    const [declaration] = declarations;
    return declaration ? { kind: 'object', properties, end: endOf(declaration) } : { kind: 'object', properties };
  }

  /** Keys of an object literal the checker cannot name: computed from a value of no literal type. */
  private unreadKeys(literal: ts.ObjectLiteralExpression, place: Place): void {
    const { checker } = this.scope;
    for (const property of literal.properties) {
      if (property.name && ts.isComputedPropertyName(property.name)) {
        const key = checker.getTypeAtLocation(property.name.expression);
        if (key.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral | ts.TypeFlags.UniqueESSymbol)) continue;
        this.scope.approximations.at(property, `The computed key [${quoted(property.name.expression)}] adds properties to ${place.label} that the analysis cannot name: they are not read.`);
      } else if (ts.isSpreadAssignment(property)) {
        const spread = checker.getTypeAtLocation(property.expression);
        if (checker.getIndexInfosOfType(spread).length === 0) continue;
        this.scope.approximations.at(property, `${place.label} spreads ${quoted(property.expression)}, which takes any key: only its named properties are read.`);
      }
    }
  }

  private propertyOf(symbol: ts.Symbol, parent: ts.Node, place: Place): PropertyShape | undefined {
    const { checker } = this.scope;
    const type = checker.getTypeOfSymbol(symbol);
    if (isFunction(checker, type)) return undefined;
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const origin = repositoryLocationOf(declaration);
    if (origin) this.scope.consulted.add(origin.file);
    const path = `${place.prefix}${symbol.name}`;
    const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0 || includes(type, ts.TypeFlags.Undefined | ts.TypeFlags.Void);
    const nullable = includes(type, ts.TypeFlags.Null);
    // Only a union sheds its null and undefined: the non-nullable form of `unknown` or of a type parameter is `{}`.
    const present = type.isUnion() ? checker.getNonNullableType(type) : type;
    const inner = { ...place, prefix: `${path}.`, label: propertyLabel(path) };
    const shape: Shape =
      present.flags & ts.TypeFlags.Never && includes(type, NULLISH)
        ? { kind: 'scalar', type: nullable ? 'null' : 'undefined' }
        : this.shapeOf(present, origin ? declaration! : parent, inner);
    const initializer = declaration && (ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) ? declaration.initializer : undefined;
    return {
      name: symbol.name,
      shape,
      optional,
      nullable,
      ...(initializer ? { default: quoted(initializer, 100) } : {}),
      ...(origin ? { origin } : {}),
    };
  }
}

/** A value's data: not a method, not a class's accessor, not private or protected, not keyed by a symbol. */
function isDataProperty(symbol: ts.Symbol): boolean {
  if (symbol.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Prototype)) return false;
  const name = symbol.escapedName as string;
  if (name.startsWith('__@') || name.startsWith('__#')) return false;
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (!declaration) return true;
  if (ts.getCombinedModifierFlags(declaration as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  return !(symbol.flags & ts.SymbolFlags.Accessor && ts.isClassLike(declaration.parent));
}

/** A function-valued property is behaviour, not data: serialised, it is not there. */
function isFunction(checker: ts.TypeChecker, type: ts.Type): boolean {
  const present = checker.getNonNullableType(type);
  return !(present.flags & ts.TypeFlags.Any) && present.getCallSignatures().length > 0 && present.getProperties().length === 0;
}

function literalText(literal: ts.LiteralTypeNode['literal']): string | undefined {
  if (ts.isStringLiteral(literal) || ts.isNumericLiteral(literal)) return ts.isNumericLiteral(literal) ? String(Number(literal.text)) : literal.text;
  if (ts.isPrefixUnaryExpression(literal) && ts.isNumericLiteral(literal.operand)) return String(-Number(literal.operand.text));
  return undefined;
}
