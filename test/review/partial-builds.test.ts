import { describe, expect, it } from '@jest/globals';
import type { AssetState, ExtractionError } from '../../src/assets/model.js';
import { comparison, contract, evaluate, field, summary, table } from './fixtures.js';

const broken: ExtractionError = { kind: 'failed', file: 'db/migrations/V2__broken.sql', line: 3, message: 'column "nope" does not exist' };
const statusRequired = contract([{ name: 'id', type: 'bigint' }, { name: 'status', type: 'string', required: true }]);

/** A table read as far as its migrations go, `skipped` naming what failed and was left out. */
function partial(state: AssetState, ...skipped: ExtractionError[]): AssetState {
  if (state.status !== 'present') throw new Error('only a present table is read in part');
  return { ...state, skipped };
}

describe('a base read as far as its definition goes', () => {
  const base = table(field('id', 'int8', { nullable: false }), field('status', 'text'));

  it('is drift, and its own breaches of the contract stay drift: the PR that repairs it is not blocked', () => {
    const repaired = table(field('id', 'int8', { nullable: false }), field('status', 'text'), field('note', 'text'));
    const findings = evaluate(statusRequired, comparison(partial(base, broken), repaired));
    expect(summary(findings)).toEqual(['migration-failed drift', 'field-not-required drift status', 'field-added info note']);
    expect(findings[0]).toMatchObject({ file: broken.file, line: 3, consumers: [] });
    expect(findings[0]?.message).toBe(
      'Part of the definition of table public.orders could not be built at the base commit (failed: column "nope" does not exist); the base is read without it.',
    );
  });

  it('still blames the change for what it breaks against the partial base', () => {
    const dropped = table(field('status', 'text'));
    expect(summary(evaluate(statusRequired, comparison(partial(base, broken), dropped)))).toEqual([
      'migration-failed drift',
      'field-removed blocking id',
      'field-not-required drift status',
    ]);
  });

  it('judges the head as when nothing could be built: every breach is the change\'s (what the partial read avoids)', () => {
    const unknownBase: AssetState = { status: 'error', error: broken };
    expect(summary(evaluate(statusRequired, comparison(unknownBase, base)))).toEqual(['migration-failed drift', 'field-made-nullable blocking status']);
  });
});

describe('a head read as far as its definition goes', () => {
  const base = table(field('id', 'int8'), field('status', 'text', { nullable: false }));

  it('is an error and is not judged when the failure is the head\'s own', () => {
    const head = partial(table(field('id', 'int8')), broken);
    const findings = evaluate(statusRequired, comparison(base, head));
    expect(summary(findings)).toEqual(['migration-failed error']);
    expect(findings[0]?.message).toBe(
      'Part of the definition of table public.orders could not be built at the head commit (failed: column "nope" does not exist); the change cannot be judged.',
    );
  });

  it('is drift, reported once, when the base fails the same way, and the rest is judged', () => {
    const head = partial(table(field('id', 'int8'), field('status', 'text')), broken);
    const findings = evaluate(statusRequired, comparison(partial(base, broken), head));
    expect(summary(findings)).toEqual(['migration-failed drift', 'field-made-nullable blocking status']);
    expect(findings[0]?.message).toBe(
      'Part of the definition of table public.orders could not be built at the base commit, nor at the head (failed: column "nope" does not exist); both are read without it, so the change did not bring it.',
    );
  });
});

describe('an asset that neither commit defines once what failed is left out', () => {
  it('is an error: the contract checks nothing', () => {
    expect(summary(evaluate(statusRequired, comparison({ status: 'absent' }, { status: 'absent' })))).toEqual(['asset-not-found error']);
  });
});
