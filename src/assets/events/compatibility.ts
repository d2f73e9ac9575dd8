import type { CompatibilityMode } from '../../contracts/schema.js';
import type { CompatibilityDirection, CompatibilityOptions, Incompatibility, SchemaFormat } from './format.js';

/** An earlier version of the schema: the base commit's, or an older one from the history. */
export interface EarlierVersion<Parsed> {
  rev: string;
  parsed: Parsed;
}

/** One incompatibility the head has with an earlier version, in one direction. */
export interface CompatibilityProblem extends Incompatibility {
  direction: CompatibilityDirection;
  /** The commit of the earlier version it was found against. */
  against: string;
  againstBase: boolean;
  /** The base already had the same problem with that version: drift, never blamed on the change. */
  drift: boolean;
}

/** What checking the contract's compatibility mode found. */
export interface CompatibilityOutcome {
  mode: Exclude<CompatibilityMode, 'NONE'>;
  problems: CompatibilityProblem[];
  /** How many earlier versions the head was checked against. */
  versionsChecked: number;
  /** Why the transitive history checked may be incomplete, when it may be. */
  historyIncomplete?: string;
  /** Why the head could not be checked at all (the base cannot be read): the check then fails, never passes. */
  unchecked?: string;
}

/** Which directions a mode checks, and whether against every earlier version or only the latest (the base). */
export function modePlan(mode: Exclude<CompatibilityMode, 'NONE'>): { directions: CompatibilityDirection[]; transitive: boolean } {
  const transitive = mode.endsWith('_TRANSITIVE');
  const kind = mode.replace('_TRANSITIVE', '');
  const directions: CompatibilityDirection[] = kind === 'FULL' ? ['backward', 'forward'] : kind === 'FORWARD' ? ['forward'] : ['backward'];
  return { directions, transitive };
}

/**
 * Checks the head against each earlier version (the base first) in the mode's directions. A problem the base
 * already had against the same version is drift: the change did not introduce it.
 */
export function checkCompatibility<Parsed>(
  format: SchemaFormat<Parsed>,
  mode: Exclude<CompatibilityMode, 'NONE'>,
  options: CompatibilityOptions,
  base: EarlierVersion<Parsed>,
  head: Parsed,
  older: readonly EarlierVersion<Parsed>[],
): CompatibilityProblem[] {
  const { directions } = modePlan(mode);
  const key = (problem: Incompatibility, direction: CompatibilityDirection) => JSON.stringify([direction, problem.rule, problem.path]);
  const problems = new Map<string, CompatibilityProblem>();
  for (const version of [base, ...older]) {
    const againstBase = version === base;
    for (const direction of directions) {
      const found = format.incompatibilities(version.parsed, head, direction, options);
      if (found.length === 0) continue;
      const baseHad = againstBase
        ? new Set<string>()
        : new Set(format.incompatibilities(version.parsed, base.parsed, direction, options).map((problem) => key(problem, direction)));
      for (const problem of found) {
        const id = key(problem, direction);
        // The first version a problem shows against is reported; the base's own, when it has one, comes first.
        if (problems.has(id)) continue;
        problems.set(id, { ...problem, direction, against: version.rev, againstBase, drift: baseHad.has(id) });
      }
    }
  }
  return [...problems.values()];
}
