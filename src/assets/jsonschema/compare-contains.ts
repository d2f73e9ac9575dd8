import { type Pass, readerSide, swapRoles, writerSide } from './comparison.js';
import type { Contains, SchemaView } from './view.js';

/**
 * `contains` and its counts, which the reader's arrays must meet. At least `minContains` matching items are
 * guaranteed by a `contains` of the writer's whose items the reader's accepts, with as many; or by enough items, every
 * one of which the reader's accepts. At most `maxContains` by a `contains` of the writer's that accepts every item the
 * reader's does, with as few; or by no more items than that. Confluent compares only the counts, where both write
 * the same `contains`; a new or changed `contains` is judged here too.
 */
export function compareContains(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  for (const needed of reader.contains) {
    const places = { writer: { node: writer.home }, reader: { node: needed.schema } };
    if (needed.min > 0 && !guaranteesAtLeast(pass, writer, needed, path)) {
      const detail = `${r} needs ${items(needed.min)} matching its contains, which ${w} does not guarantee`;
      pass.report('jsonschema-contains-narrowed', path, detail, places);
    }
    if (needed.max !== undefined && !guaranteesAtMost(pass, writer, needed, path)) {
      const detail = `${r} allows at most ${items(needed.max)} matching its contains, ${w} more`;
      pass.report('jsonschema-max-contains-decreased', path, detail, { ...places, reader: { node: needed.node, keyword: 'maxContains' } });
    }
  }
}

function guaranteesAtLeast(pass: Pass, writer: SchemaView, needed: Contains, path: string): boolean {
  const { roles } = pass;
  const matching = roles.reader.of([needed.schema]);
  if (writer.contains.some((own) => own.min >= needed.min && pass.trial(roles.writer.of([own.schema]), matching, path).length === 0)) {
    return true;
  }
  // Or there are enough items and every one matches: the positional ones and the rest, which the writer must constrain.
  if ((writer.minItems?.value ?? 0) < needed.min || writer.items.length === 0) return false;
  return [...writer.prefixItems, writer.items].every((nodes) => pass.trial(roles.writer.of(nodes), matching, path).length === 0);
}

function guaranteesAtMost(pass: Pass, writer: SchemaView, needed: Contains, path: string): boolean {
  const { roles } = pass;
  const { max } = needed;
  if (max === undefined || (writer.maxItems && writer.maxItems.value <= max)) return true;
  const matching = roles.reader.of([needed.schema]);
  return writer.contains.some(
    (own) => own.max !== undefined && own.max <= max && pass.trial(matching, roles.writer.of([own.schema]), path, swapRoles(roles)).length === 0,
  );
}

function items(count: number): string {
  return `${count} item${count === 1 ? '' : 's'}`;
}
