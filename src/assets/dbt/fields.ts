import type { AssetSchema, FieldSchema, SourceLocation } from '../model.js';
import type { ColumnEntry, ConstraintEntry, ConstraintType, TestEntry } from './entries.js';
import { dbtTypes, UNDECLARED_TYPE } from './types.js';
import type { ResolvedModel } from './versions.js';

/** The materializations whose tables dbt creates with the contract's constraints (never views nor ephemeral models). */
const CONSTRAINED_MATERIALIZATIONS = ['table', 'incremental'];

/** A field's guarantees that can change, each with the line that gives it (or that explains why it is missing). */
export type FieldAspect = 'type' | 'nullable' | 'primaryKey' | 'unique' | 'allowedValues';
export type FieldLines = Record<FieldAspect | 'column', number>;

/**
 * A dbt model's schema, and whether dbt enforces its contract: only then does the build check every column's name
 * and `data_type` and create the table with its constraints.
 */
export interface DbtModelSchema extends AssetSchema {
  enforcement: { enforced: boolean; origin: SourceLocation };
}

export interface ModelSchema {
  schema: DbtModelSchema;
  /** By field name: the line of each guarantee, for the finding that reports its change. */
  lines: Map<string, FieldLines>;
}

/**
 * The fields of a model as its properties declare them. A field's type is its `data_type` (`unknown` when it has
 * none); it is not null, unique or part of the primary key by a binding data test of that name (`not_null`,
 * `unique`), or by a constraint when dbt applies constraints: the contract is enforced and the model is not
 * configured as a view or an ephemeral model. A binding `accepted_values` test lists its allowed values.
 */
export function modelSchema(name: string, model: ResolvedModel): ModelSchema {
  const { entry, config } = model;
  const enforced = config.enforced?.value === true;
  const materialized = config.materialized?.value.toLowerCase();
  const constraintsApply = enforced && (materialized === undefined || CONSTRAINED_MATERIALIZATIONS.includes(materialized));
  // Where a declared constraint is switched off: the contract's `enforced`, or the materialization.
  const unappliedLine = enforced ? config.materialized?.line : config.enforced?.line;
  const columns = new Map(model.columns.map((column) => [column.name, column]));
  const lines = new Map<string, FieldLines>();
  const fields = [...columns.values()].map((column) => {
    const constraints = [...column.constraints, ...model.constraints.filter((constraint) => constraint.columns?.includes(column.name))];
    const judged = judgeColumn(column, constraints, { apply: constraintsApply, unappliedLine: unappliedLine ?? column.line });
    lines.set(column.name, judged.lines);
    return judged.field;
  });
  const schema: DbtModelSchema = {
    name,
    kind: 'model',
    fields,
    origin: { file: entry.file, line: entry.line },
    enforcement: { enforced, origin: { file: entry.file, line: config.enforced?.line ?? entry.line } },
  };
  return { schema, lines };
}

interface ConstraintRule {
  apply: boolean;
  unappliedLine: number;
}

function judgeColumn(column: ColumnEntry, constraints: ConstraintEntry[], rule: ConstraintRule): { field: FieldSchema; lines: FieldLines } {
  const tests = (column.tests ?? []).filter((test) => test.binding);
  /** Whether a binding test or an applied constraint gives the guarantee, and the line that gives it or drops it. */
  const guarantee = (types: ConstraintType[], test?: TestEntry['test'], singleColumn = false): { holds: boolean; line: number } => {
    const byTest = tests.find((candidate) => candidate.test === test);
    const byConstraint = constraints.find(
      (constraint) => types.includes(constraint.type) && (!singleColumn || (constraint.columns?.length ?? 1) === 1),
    );
    const given = byTest ?? (rule.apply ? byConstraint : undefined);
    return { holds: given !== undefined, line: given?.line ?? (byConstraint ? rule.unappliedLine : column.line) };
  };
  const primaryKey = guarantee(['primary_key']);
  const notNull = guarantee(['not_null', 'primary_key'], 'not_null');
  const unique = guarantee(['unique'], 'unique', true);
  const accepted = tests.filter((test) => test.test === 'accepted_values');
  const field: FieldSchema = {
    name: column.name,
    type: column.dataType ? dbtTypes.normalize(column.dataType.value) : UNDECLARED_TYPE,
    nullable: !notNull.holds,
    primaryKey: primaryKey.holds,
    unique: unique.holds,
  };
  if (accepted.length > 0) {
    // Several lists all hold: only the values every one accepts can appear.
    field.allowedValues = accepted.map((test) => test.values ?? []).reduce((kept, values) => kept.filter((value) => values.includes(value)));
    field.allowedValuesFrom = 'check';
  }
  const lines: FieldLines = {
    column: column.line,
    type: column.dataType?.line ?? column.line,
    nullable: notNull.line,
    primaryKey: primaryKey.line,
    unique: unique.line,
    allowedValues: accepted[0]?.line ?? column.line,
  };
  return { field, lines };
}
