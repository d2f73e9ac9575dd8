import { parseSync } from 'libpg-query';

type Node = Record<string, unknown>;

/**
 * The values a CHECK constraint allows for one column, when it lists them: Postgres stores `status IN ('a','b')`
 * as `status = ANY (ARRAY['a'::text, 'b'::text])`, and `status = 'a' OR status = 'b'` stays an OR; an OR'd
 * `status IS NULL` adds no value. Anything else (ranges, functions, several columns) allows no list of values and
 * gives `undefined`.
 *
 * Needs libpg-query's module loaded (`loadModule()`), which the extractor does once.
 */
export function checkAllowedValues(definition: string, column: string): string[] | undefined {
  const expression = definition.replace(/^CHECK\s*/i, '').replace(/\s+NOT VALID\s*$/i, '');
  let tree: { stmts?: { stmt: Node }[] };
  try {
    tree = parseSync(`SELECT 1 WHERE ${expression}`) as typeof tree;
  } catch {
    return undefined;
  }
  const select = tree.stmts?.[0]?.stmt.SelectStmt as Node | undefined;
  return valuesOf(select?.whereClause as Node | undefined, column);
}

function valuesOf(node: Node | undefined, column: string): string[] | undefined {
  if (!node) return undefined;
  const expression = node.A_Expr as Node | undefined;
  if (expression && operatorName(expression) === '=' && refersTo(expression.lexpr as Node, column)) {
    if (expression.kind === 'AEXPR_OP_ANY') return constants(arrayElements(expression.rexpr as Node));
    if (expression.kind === 'AEXPR_IN') return constants((expression.rexpr as { List?: { items?: Node[] } }).List?.items);
    if (expression.kind === 'AEXPR_OP') return constants([expression.rexpr as Node]);
  }
  const boolean = node.BoolExpr as { boolop?: string; args?: Node[] } | undefined;
  if (boolean?.boolop === 'OR_EXPR' && boolean.args) {
    // `c IS NULL` only repeats what nullability says (a CHECK passes on NULL anyway): it restricts no value.
    const restrictions = boolean.args.filter((argument) => !isNullTest(argument, column));
    const parts = restrictions.map((argument) => valuesOf(argument, column));
    if (parts.length > 0 && parts.every((part): part is string[] => part !== undefined)) return parts.flat();
  }
  return undefined;
}

function isNullTest(node: Node, column: string): boolean {
  const test = node.NullTest as { arg?: Node; nulltesttype?: string } | undefined;
  return test?.nulltesttype === 'IS_NULL' && test.arg !== undefined && refersTo(test.arg, column);
}

function operatorName(expression: Node): string | undefined {
  const names = expression.name as { String?: { sval?: string } }[] | undefined;
  return names?.[names.length - 1]?.String?.sval;
}

function unwrapCast(node: Node): Node {
  const cast = node.TypeCast as { arg?: Node } | undefined;
  return cast?.arg ? unwrapCast(cast.arg) : node;
}

function refersTo(node: Node, column: string): boolean {
  const reference = unwrapCast(node).ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
  const fields = reference?.fields ?? [];
  return fields[fields.length - 1]?.String?.sval === column;
}

function arrayElements(node: Node): Node[] | undefined {
  const array = unwrapCast(node).A_ArrayExpr as { elements?: Node[] } | undefined;
  return array?.elements;
}

function constants(nodes: Node[] | undefined): string[] | undefined {
  if (!nodes) return undefined;
  const values: string[] = [];
  for (const node of nodes) {
    const constant = unwrapCast(node).A_Const as Record<string, Record<string, unknown>> | undefined;
    if (!constant) return undefined;
    // Protobuf-style JSON leaves out zero values: `ival: {}` is 0 and `boolval: {}` is false.
    if (constant.ival) values.push(String(constant.ival.ival ?? 0));
    else if (constant.boolval) values.push(String(constant.boolval.boolval ?? false));
    else if (constant.sval?.sval !== undefined) values.push(String(constant.sval.sval));
    else if (constant.fval?.fval !== undefined) values.push(String(constant.fval.fval));
    else return undefined;
  }
  return values;
}
