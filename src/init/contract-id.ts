import type { AssetType } from '../contracts/schema.js';
import { nameParts } from './asset-name.js';

/**
 * The words of an asset's name, outermost first: a table's schema and name, a record's namespace and name, a JSON
 * Schema's path segments without the extension. An id is made from the last of them, then more when that one is taken.
 */
function nameWords(type: AssetType, name: string): string[] {
  switch (type) {
    case 'postgres':
    case 'mysql':
    case 'sqlite':
      return nameParts(name);
    case 'avro':
    case 'protobuf':
      return name.split('.');
    case 'jsonschema':
      return name
        .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
        .replace(/[?#].*$/, '')
        .split('/')
        .map((segment) => segment.replace(/(?:\.schema)?\.json$/i, ''));
    case 'prisma':
    case 'dbt':
    case 'typescript':
      return [name];
  }
}

/** `OrderPlaced`, `order_items`, `Order Placed` → `order-placed`, `order-items`, `order-placed`: ids as people write them. */
export function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/**
 * A contract id for the asset that no contract of the repository has yet: the asset's own name (`public.orders` →
 * `orders`), qualified when that is taken (`sales-orders`), numbered as a last resort (`orders-2`).
 */
export function contractIdFor(type: AssetType, name: string, taken: ReadonlySet<string>): string {
  const words = nameWords(type, name).map(kebabCase).filter((word) => word !== '');
  // A name with no letter an id can hold (`注文`) still gets one.
  const candidates = words.length > 0 ? words.map((_, index) => words.slice(words.length - 1 - index).join('-')) : ['contract'];
  const free = candidates.find((candidate) => !taken.has(candidate));
  if (free) return free;
  const stem = candidates[0]!;
  let number = 2;
  while (taken.has(`${stem}-${number}`)) number += 1;
  return `${stem}-${number}`;
}
