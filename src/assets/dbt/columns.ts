import { columnTests } from './data-tests.js';
import { type ColumnEntry, type ConstraintEntry, CONSTRAINT_TYPES, type ConstraintType } from './entries.js';
import { asMap, listUnder, member, namesUnder, type Problems, scalarText, textUnder } from './tree-values.js';
import type { YamlMap, YamlTree } from './yaml-tree.js';

/** A `columns:` entry; one that names no column is a problem at its line, and left out. */
export function columnEntry(item: YamlTree, problems: Problems): ColumnEntry | undefined {
  const map = asMap(item);
  const name = map && member(map, 'name');
  const text = scalarText(name?.value);
  if (!map || !name || text === undefined) {
    problems.at(item.line, 'this columns: entry names no column (it needs name:)');
    return undefined;
  }
  const column: ColumnEntry = { name: text, line: name.keyLine, constraints: constraintsUnder(map, problems, false) };
  const dataType = textUnder(map, 'data_type', problems);
  if (dataType) column.dataType = dataType;
  const tests = columnTests(map, problems);
  if (tests) column.tests = tests;
  return column;
}

/**
 * A `constraints:` list. A type dbt does not know is a problem (dbt refuses the file); a model-level constraint
 * names its `columns`.
 */
export function constraintsUnder(map: YamlMap, problems: Problems, modelLevel: boolean): ConstraintEntry[] {
  const list = listUnder(map, 'constraints', problems, 'constraints');
  return (list?.items ?? []).flatMap((item): ConstraintEntry[] => {
    const constraint = asMap(item);
    const type = scalarText(member(constraint, 'type')?.value)?.toLowerCase();
    if (!constraint || type === undefined || !(CONSTRAINT_TYPES as readonly string[]).includes(type)) {
      problems.at(item.line, `a constraint needs a type dbt knows: ${CONSTRAINT_TYPES.join(', ')}`);
      return [];
    }
    const entry: ConstraintEntry = { type: type as ConstraintType, line: item.line };
    if (!modelLevel) return [entry];
    const columns = namesUnder(constraint, 'columns', problems);
    return columns ? [{ ...entry, columns }] : [entry];
  });
}
