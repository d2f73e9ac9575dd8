import type { Rename } from '../model.js';
import type { ProtobufSchema, ProtoMessage } from './model.js';
import { joinPath, openedMessage } from './schema.js';

/**
 * The renames field numbers prove: a field keeps its number under a new name, and with it every path below it (a
 * renamed `customer` renames `customer.zip`). A oneof has no number; it is the same oneof when its members are.
 */
export function protobufFieldRenames(older: ProtobufSchema, newer: ProtobufSchema): Rename[] {
  const olderAsset = older.messages.get(older.name);
  const newerAsset = newer.messages.get(newer.name);
  if (!olderAsset || !newerAsset) return [];
  const renames: Rename[] = [];
  const walk = (before: ProtoMessage, after: ProtoMessage, beforePath: string, afterPath: string, onPath: ReadonlySet<string>) => {
    renames.push(...oneofRenames(before, after, beforePath, afterPath));
    for (const field of before.fields) {
      const kept = after.fields.find((candidate) => candidate.number === field.number);
      if (!kept) continue;
      const from = joinPath(beforePath, field.name);
      const to = joinPath(afterPath, kept.name);
      if (from !== to) renames.push({ from, to, origin: kept.location });
      const nestedBefore = openedMessage(older, field);
      const nestedAfter = openedMessage(newer, kept);
      if (nestedBefore && nestedAfter && !onPath.has(nestedBefore.fullName)) {
        walk(nestedBefore, nestedAfter, from, to, new Set([...onPath, nestedBefore.fullName]));
      }
    }
  };
  walk(olderAsset, newerAsset, '', '', new Set([olderAsset.fullName]));
  return renames;
}

function oneofRenames(before: ProtoMessage, after: ProtoMessage, beforePath: string, afterPath: string): Rename[] {
  return before.oneofs.flatMap((oneof) => {
    const members = before.fields.filter((field) => field.oneof === oneof.name).map((field) => field.number);
    const now = after.fields.find((field) => members.includes(field.number) && field.oneof)?.oneof;
    const renamed = now === undefined || now === oneof.name ? undefined : after.oneofs.find((candidate) => candidate.name === now);
    if (!renamed || before.oneofs.some((candidate) => candidate.name === renamed.name)) return [];
    return [{ from: joinPath(beforePath, oneof.name), to: joinPath(afterPath, renamed.name), origin: renamed.location }];
  });
}
