import { compareContains } from './compare-contains.js';
import { type Pass, type Place, placeOf, readerSide, writerSide } from './comparison.js';
import type { SchemaNode } from './model.js';
import type { SchemaView } from './view.js';
import { isUnconstrained, type Views } from './views.js';

/** What a schema accepts at an item position: what it says there, or any item when it says nothing. */
function itemsAt(views: Views, view: SchemaView, index: number | 'rest'): { nodes: SchemaNode[]; items: SchemaView | 'any' } {
  const nodes = (index === 'rest' ? undefined : view.prefixItems[index]) ?? view.items;
  if (nodes.length === 0) return { nodes, items: 'any' };
  const items = views.of(nodes);
  return { nodes, items: isUnconstrained(items) ? 'any' : items };
}

/**
 * Item schemas position by position (`prefixItems`, or `items` as a list before 2020-12), then the remaining items,
 * and the bounds on their number. Item schemas both declare are compared in turn, under the array's path, as the
 * fields list an array's item properties.
 */
export function compareArrays(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const positions = Math.max(writer.prefixItems.length, reader.prefixItems.length);
  const indexes: (number | 'rest')[] = [...Array.from({ length: positions }, (_, index) => index), 'rest'];
  for (const index of indexes) {
    const written = itemsAt(roles.writer, writer, index);
    const read = itemsAt(roles.reader, reader, index);
    const which = index === 'rest' ? (positions > 0 ? 'the remaining items' : 'the items') : `item ${index}`;
    const places = {
      writer: firstPlace(written.nodes) ?? { node: writer.home },
      reader: firstPlace(read.nodes) ?? { node: reader.home },
    };
    if (read.items === 'any' || (written.items !== 'any' && written.items.never)) continue;
    const samePosition = index === 'rest' || (writer.prefixItems[index] && reader.prefixItems[index]);
    if (written.items === 'any') {
      // An open tuple's extra items are presumed absent unless the policy is strict, as for undeclared properties.
      const openTupleGained = index !== 'rest' && !writer.prefixItems[index];
      if (!openTupleGained || roles.strict) {
        pass.report('jsonschema-items-changed', path, `${r} constrains ${which}, which ${w} leaves open`, places);
      }
    } else if (samePosition) {
      pass.compare(written.items, read.items, path);
    } else if (pass.trial(written.items, read.items, path).length > 0) {
      pass.report('jsonschema-items-changed', path, `${r} does not accept what ${w} allows for ${which}`, places);
    }
  }
  compareItemCounts(pass, writer, reader, path);
  compareContains(pass, writer, reader, path);
}

function firstPlace(nodes: readonly SchemaNode[]): Place | undefined {
  const [node] = nodes;
  return node ? { node } : undefined;
}

function compareItemCounts(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  const [w, r] = [writerSide(roles), readerSide(roles)];
  const { maxItems, minItems, uniqueItems } = reader;
  if (maxItems && !(writer.maxItems && writer.maxItems.value <= maxItems.value)) {
    const before = writer.maxItems ? items(writer.maxItems.value) : 'any number';
    const places = { writer: placeOf(writer, writer.maxItems), reader: placeOf(reader, maxItems) };
    pass.report('jsonschema-max-items-decreased', path, `${r} allows at most ${items(maxItems.value)}, ${w} ${before}`, places);
  }
  if (minItems && minItems.value > 0 && !(writer.minItems && writer.minItems.value >= minItems.value)) {
    const detail = `${r} needs at least ${items(minItems.value)}, ${w} ${items(writer.minItems?.value ?? 0)}`;
    const places = { writer: placeOf(writer, writer.minItems), reader: placeOf(reader, minItems) };
    pass.report('jsonschema-min-items-increased', path, detail, places);
  }
  if (uniqueItems && !writer.uniqueItems) {
    const detail = `${r} requires unique items, ${w} allows repeats`;
    const places = { writer: { node: writer.home }, reader: placeOf(reader, uniqueItems) };
    pass.report('jsonschema-unique-items-added', path, detail, places);
  }
}

function items(count: number): string {
  return `${count} item${count === 1 ? '' : 's'}`;
}
