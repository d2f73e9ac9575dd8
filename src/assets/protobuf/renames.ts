import type { Rename } from '../model.js';
import { fieldsByNumber } from './compare-messages.js';
import type { ProtobufSchema, ProtoField, ProtoMessage } from './model.js';
import { isOpen, open, type OpenMessages } from './open-messages.js';
import { fieldsBelow, joinPath, openedMessage } from './schema.js';

/** A message of the older version and the newer one its path leads to. */
interface Walk {
  before: ProtoMessage;
  after: ProtoMessage;
  beforePath: string;
  afterPath: string;
  opened: OpenMessages;
}

/**
 * The renames field numbers prove, for the review to follow: a field is its number as much as its name, since that
 * is what binary readers read.
 *
 * - A field that keeps its number under a new name is renamed, and with it every path below it (a renamed
 *   `customer` renames `customer.zip`). A oneof has no number; it is the same oneof when its members are.
 * - A field whose number is gone while its name now has another number (`customer_id = 2` now `= 6`) is, to every
 *   binary reader, a field removed and another added under the same name. It is handed to the review as renamed
 *   to `customer_id#6`, a path no field can have, so the field and every path below it are judged removed and the
 *   field of the new number is judged added.
 */
export function protobufFieldRenames(older: ProtobufSchema, newer: ProtobufSchema): Rename[] {
  const olderAsset = older.messages.get(older.name);
  const newerAsset = newer.messages.get(newer.name);
  if (!olderAsset || !newerAsset) return [];
  const renames: Rename[] = [];
  const pending: Walk[] = [{ before: olderAsset, after: newerAsset, beforePath: '', afterPath: '', opened: open(undefined, olderAsset.fullName) }];
  for (let walk = pending.pop(); walk; walk = pending.pop()) {
    const { before, after, beforePath, afterPath, opened } = walk;
    const afterByNumber = fieldsByNumber(after);
    renames.push(...oneofRenames(before, after, afterByNumber, beforePath, afterPath));
    const afterByName = new Map(after.fields.map((field) => [field.name, field]));
    const nested: Walk[] = [];
    for (const field of before.fields) {
      const from = joinPath(beforePath, field.name);
      const kept = afterByNumber.get(field.number);
      if (!kept) {
        const renumbered = afterByName.get(field.name);
        if (renumbered) renames.push(...numberChanged(older, field, from, renumbered, opened));
        continue;
      }
      const to = joinPath(afterPath, kept.name);
      if (from !== to) renames.push({ from, to, origin: kept.location });
      const nestedBefore = openedMessage(older, field);
      const nestedAfter = openedMessage(newer, kept);
      if (nestedBefore && nestedAfter && !isOpen(opened, nestedBefore.fullName)) {
        nested.push({ before: nestedBefore, after: nestedAfter, beforePath: from, afterPath: to, opened: open(opened, nestedBefore.fullName) });
      }
    }
    pending.push(...nested.reverse());
  }
  return renames;
}

/** The field at `from` and every path below it, renamed to paths no field can have. */
function numberChanged(older: ProtobufSchema, field: ProtoField, from: string, renumbered: ProtoField, opened: OpenMessages): Rename[] {
  const to = `${from}#${renumbered.number}`;
  const renames: Rename[] = [{ from, to, origin: renumbered.location }];
  const nested = openedMessage(older, field);
  if (!nested || isOpen(opened, nested.fullName)) return renames;
  for (const below of fieldsBelow(older, nested, from, open(opened, nested.fullName))) {
    renames.push({ from: below.name, to: `${to}${below.name.slice(from.length)}`, origin: renumbered.location });
  }
  return renames;
}

/**
 * A oneof is renamed to the oneof its first member still in one now belongs to, unless the older version had that
 * name too.
 */
function oneofRenames(before: ProtoMessage, after: ProtoMessage, afterByNumber: ReadonlyMap<number, ProtoField>, beforePath: string, afterPath: string): Rename[] {
  const now = new Map<string, string>();
  for (const field of before.fields) {
    if (field.oneof === undefined || now.has(field.oneof)) continue;
    const oneof = afterByNumber.get(field.number)?.oneof;
    if (oneof !== undefined) now.set(field.oneof, oneof);
  }
  const beforeOneofs = new Set(before.oneofs.map((oneof) => oneof.name));
  const afterOneofs = new Map(after.oneofs.map((oneof) => [oneof.name, oneof]));
  return [...now].flatMap(([from, to]) => {
    const renamed = afterOneofs.get(to);
    if (from === to || !renamed || beforeOneofs.has(to)) return [];
    return [{ from: joinPath(beforePath, from), to: joinPath(afterPath, to), origin: renamed.location }];
  });
}
