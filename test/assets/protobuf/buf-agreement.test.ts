import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { BUF_RULES, type BufRule, ruleId } from '../../../src/rules/protobuf-levels.js';
import { type BufVerdict, bufCategories, judgeWithBuf, LEVELS } from './buf.js';
import { DIFFERENCES, type Divergence, isOutOfScope } from './buf-differences.js';
import { type Level, type Pair, productRules, readPairs } from './pairs.js';

const pairs = readPairs();
const BUF_NAMES = new Map<string, BufRule>((Object.keys(BUF_RULES) as BufRule[]).map((rule) => [ruleId(rule), rule]));

/** The product's verdict in buf's rule ids. */
function productVerdict(pair: Pair, level: Level): string[] {
  return productRules(pair, level).map((id) => BUF_NAMES.get(id) ?? id);
}

function divergence(pair: string, level: Level): Divergence {
  const found = DIFFERENCES.map((difference) => difference.pairs[pair]?.[level]).filter((entry) => entry !== undefined);
  return { bufOnly: found.flatMap((entry) => entry.bufOnly ?? []), productOnly: found.flatMap((entry) => entry.productOnly ?? []) };
}

/** What the product should find: buf's data rules, less and plus the documented differences. */
function expected(bufRules: readonly string[], { bufOnly = [], productOnly = [] }: Divergence): string[] {
  const checked = bufRules.filter((rule) => !isOutOfScope(rule) && !bufOnly.includes(rule));
  return [...new Set([...checked, ...productOnly])].sort();
}

let verdicts: Map<string, BufVerdict>;
const agreement = { same: 0, differentAsDocumented: 0, total: 0 };

beforeAll(async () => {
  verdicts = await judgeWithBuf(pairs);
}, 120_000);

afterAll(() => {
  const percent = (count: number) => ((100 * count) / agreement.total).toFixed(1);
  console.log(
    `Protobuf verdicts against buf: ${agreement.same}/${agreement.total} pair-levels find buf's data rules exactly (${percent(agreement.same)} %); ` +
      `${agreement.same + agreement.differentAsDocumented}/${agreement.total} with the documented differences (${percent(agreement.same + agreement.differentAsDocumented)} %).`,
  );
});

describe('the Protobuf verdicts agree with the buf CLI', () => {
  it('knows each rule buf has as checked or as out of scope', () => {
    const unknown = [...bufCategories().keys()].filter((rule) => !(rule in BUF_RULES) && !isOutOfScope(rule));
    expect(unknown).toEqual([]);
  });

  it.each(pairs.flatMap((pair) => LEVELS.map((level) => [pair.name, level, pair] as const)))('%s at %s', (name, level, pair) => {
    const bufRules = verdicts.get(name)![level];
    const product = productVerdict(pair, level);
    agreement.total += 1;
    if (JSON.stringify(product) === JSON.stringify(expected(bufRules, {}))) agreement.same += 1;
    else agreement.differentAsDocumented += 1;
    expect(product).toEqual(expected(bufRules, divergence(name, level)));
  });

  it('documents only differences buf still shows, each explained in DIFFERENCES.md', () => {
    const explained = readFileSync(new URL('./DIFFERENCES.md', import.meta.url), 'utf8');
    for (const difference of DIFFERENCES) {
      expect(explained).toContain(`## ${difference.heading}`);
      for (const [pair, levels] of Object.entries(difference.pairs)) {
        for (const [level, { bufOnly = [], productOnly = [] }] of Object.entries(levels)) {
          const bufRules = verdicts.get(pair)?.[level as Level];
          expect({ pair, level, bufOnly: bufOnly.filter((rule) => bufRules?.includes(rule)) }).toEqual({ pair, level, bufOnly });
          expect({ pair, level, productOnly: productOnly.filter((rule) => bufRules?.includes(rule)) }).toEqual({ pair, level, productOnly: [] });
        }
      }
    }
  });
});
