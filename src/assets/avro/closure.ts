import type { ExtractionError } from '../model.js';
import { MAX_RECORD_DEPTH } from './limits.js';
import { type Definition, errorAt, type SchemaIndex, type Unit } from './schema-index.js';

type Closure = { ok: true; units: Unit[] } | { ok: false; error: ExtractionError; unresolved: boolean };

/**
 * The top-level schemas an asset needs, each after the ones it uses: Avro parsers (avsc, Java's) read a named type
 * only once it is defined, so this is the order in which they can read the files.
 */
export function closureOf(root: Definition, index: SchemaIndex): Closure {
  const ordered: Unit[] = [];
  const entered = new Set<Unit>();
  const visit = (unit: Unit, usedFrom: Unit[]): Closure | undefined => {
    if (ordered.includes(unit)) return undefined;
    if (entered.has(unit)) return { ok: false, unresolved: false, error: cycleError(unit, [...usedFrom, unit]) };
    if (usedFrom.length >= MAX_RECORD_DEPTH) {
      const message = `the schemas use each other more than ${MAX_RECORD_DEPTH} deep (each using a type the next one defines); the review reads no deeper`;
      return { ok: false, unresolved: false, error: errorAt(unit, unit.path, message) };
    }
    entered.add(unit);
    const own = new Set(unit.definitions.map((definition) => definition.fullName));
    const used = unit.references.filter((reference) => !own.has(reference.fullName));
    const names = [...own, ...used.map((reference) => reference.fullName)];
    const duplicate = names.map((name) => duplicateError(name, index)).find((error) => error);
    if (duplicate) return { ok: false, unresolved: false, error: duplicate };
    for (const reference of used) {
      const [definition] = index.definitions.get(reference.fullName) ?? [];
      if (!definition) {
        return { ok: false, unresolved: true, error: errorAt(unit, reference.path, `unknown type name ${reference.fullName}`) };
      }
      const failed = visit(definition.unit, [...usedFrom, unit]);
      if (failed) return failed;
    }
    ordered.push(unit);
    return undefined;
  };
  return visit(root.unit, []) ?? { ok: true, units: ordered };
}

/** A name defined twice is ambiguous wherever the asset uses it, even if one definition sits in an unrelated file. */
function duplicateError(fullName: string, index: SchemaIndex): ExtractionError | undefined {
  const [first, second] = index.definitions.get(fullName) ?? [];
  if (!first || !second) return undefined;
  const firstLine = first.unit.document.lineOf([...first.path, 'name']);
  const message = `${fullName} is defined twice (first in ${first.unit.document.file} line ${firstLine})`;
  return errorAt(second.unit, [...second.path, 'name'], message);
}

/** `chain` runs from the unit entered first to the same unit entered again. */
function cycleError(unit: Unit, chain: Unit[]): ExtractionError {
  const files = chain.slice(chain.indexOf(unit)).map((step) => step.document.file);
  const message = `the schemas use each other in a cycle (${files.join(' -> ')}); Avro parsers need each named type defined before it is used`;
  return errorAt(unit, unit.path, message);
}
