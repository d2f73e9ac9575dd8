import type { GuaranteeTest, TestEntry } from './entries.js';
import { asMap, asSeq, member, type Problems, scalarText } from './tree-values.js';
import type { YamlMap, YamlSeq, YamlTree } from './yaml-tree.js';

const GUARANTEE_TESTS: readonly string[] = ['not_null', 'unique', 'accepted_values'] satisfies GuaranteeTest[];

/** dbt's default threshold: any failing row fails the test. */
const DEFAULT_ERROR_IF = /^!=\s*0$/;

/**
 * The data tests of a column that say something about its values (`not_null`, `unique`, `accepted_values`), from
 * either key dbt reads them under: `data_tests:`, or `tests:` as before dbt 1.8. Other tests (`relationships`, a
 * package's, a project's own) are left alone: what they check is not known without running them.
 */
export function columnTests(column: YamlMap, problems: Problems): TestEntry[] | undefined {
  const current = member(column, 'data_tests');
  const legacy = member(column, 'tests');
  if (current && legacy) {
    problems.at(legacy.keyLine, 'a column lists both data_tests: and tests:, which dbt refuses; use data_tests:');
    return undefined;
  }
  const found = current ?? legacy;
  if (!found || (found.value.kind === 'scalar' && found.value.value === null)) return undefined;
  const list = asSeq(found.value);
  if (!list) {
    problems.at(found.keyLine, `${current ? 'data_tests' : 'tests'}: must be a list of tests`);
    return undefined;
  }
  return testsOf(list, problems);
}

function testsOf(list: YamlSeq, problems: Problems): TestEntry[] {
  return list.items.flatMap((item) => {
    const named = testName(item);
    if (!named || !GUARANTEE_TESTS.includes(named.name)) return [];
    const test = named.name as GuaranteeTest;
    const entry: TestEntry = { test, line: item.line, binding: isBinding(named.properties) };
    if (test !== 'accepted_values') return [entry];
    const values = acceptedValues(named.properties);
    if (!values) {
      problems.at(item.line, 'accepted_values: needs values, a list of the values the column may take');
      return [];
    }
    return [{ ...entry, values }];
  });
}

/**
 * A test's name and properties, in each form dbt reads: `- unique`, `- accepted_values: {...}`, and
 * `- {test_name: unique, name: ...}`.
 */
function testName(item: YamlTree): { name: string; properties: YamlMap | undefined } | undefined {
  const bare = scalarText(item);
  if (bare !== undefined) return { name: bare, properties: undefined };
  const map = asMap(item);
  if (!map) return undefined;
  const named = scalarText(member(map, 'test_name')?.value);
  if (named !== undefined) return { name: named, properties: map };
  const [only, another] = map.entries;
  if (!only || another) return undefined;
  const [name, { value }] = only;
  return { name, properties: asMap(value) };
}

/**
 * Configs sit under `config:` (dbt 1.10 on) or beside the arguments (before): both are read, `config:` first. A
 * failure that only warns, a test switched off, one that checks the rows a `where` selects, or one whose `error_if`
 * tolerates failing rows, guarantees nothing about every row.
 */
function isBinding(properties: YamlMap | undefined): boolean {
  const config = asMap(member(properties, 'config')?.value);
  const setting = (key: string) => scalarText(member(config, key)?.value) ?? scalarText(member(properties, key)?.value);
  const where = setting('where');
  const errorIf = setting('error_if');
  return (
    setting('severity')?.toLowerCase() !== 'warn' &&
    setting('enabled') !== 'false' &&
    (where === undefined || where.trim() === '') &&
    (errorIf === undefined || DEFAULT_ERROR_IF.test(errorIf.trim()))
  );
}

/** `values`, under `arguments:` (dbt 1.10 on) or beside the configs (before). */
function acceptedValues(properties: YamlMap | undefined): string[] | undefined {
  const arguments_ = asMap(member(properties, 'arguments')?.value);
  const list = asSeq(member(arguments_, 'values')?.value ?? member(properties, 'values')?.value);
  const values = list?.items.map(scalarText);
  return values && values.length > 0 && values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}
