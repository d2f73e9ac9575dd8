import type { CompatibilityOptions, Incompatibility } from '../events/format.js';
import type { SourceLocation } from '../model.js';
import { compareEnum } from './compare-enums.js';
import { compareExtensions, extensionPath, indexExtensions } from './compare-extensions.js';
import { compareMessage, fieldsByNumber } from './compare-messages.js';
import { DEFAULT_LEVEL } from '../../rules/protobuf-levels.js';
import { isWellKnown, type ProtobufSchema, type ProtoField } from './model.js';
import { type Comparison, Report } from './report.js';
import { joinPath } from './schema.js';

/** A message or enum of the older version to compare, found under `path`; `where` places it in the newer files. */
interface Visit {
  kind: 'message' | 'enum';
  fullName: string;
  path: string;
  where: SourceLocation;
}

/**
 * buf's breaking-change rules at the contract's level, for the asset message and every message, enum and extension
 * it reaches in the older version. As buf, messages, enums and extensions pair by full name and fields and enum
 * values by number, whichever field now refers to them. Each message and enum is compared once, under the first
 * path that reaches it depth first, so a schema whose messages are reached along many paths costs no more than
 * their number.
 */
export function protobufIncompatibilities(older: ProtobufSchema, newer: ProtobufSchema, options: CompatibilityOptions): Incompatibility[] {
  const comparison: Comparison = {
    older,
    newer,
    report: new Report(options.level ?? DEFAULT_LEVEL),
    olderExtensions: indexExtensions(older),
    newerExtensions: indexExtensions(newer),
  };
  const asset = older.messages.get(older.name);
  const newerAsset = newer.messages.get(newer.name);
  if (!asset || !newerAsset) return [];
  const visited = new Set<string>();
  const pending: Visit[] = [{ kind: 'message', fullName: asset.fullName, path: '', where: newerAsset.location }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (visited.has(visit.fullName)) continue;
    visited.add(visit.fullName);
    if (visit.kind === 'enum') visitEnum(comparison, visit);
    // Depth first: the first field's types are compared next.
    else pending.push(...visitMessage(comparison, visit).reverse());
  }
  return comparison.report.incompatibilities;
}

/** Compares one message and returns the types its fields and extensions refer to, in declaration order. */
function visitMessage(comparison: Comparison, visit: Visit): Visit[] {
  const { report } = comparison;
  const older = comparison.older.messages.get(visit.fullName);
  if (!older) return [];
  const newer = comparison.newer.messages.get(older.fullName);
  // A map's entry is generated from the map field: it has no file and is no message to delete of its own.
  if (!newer) {
    if (older.mapEntry) return [];
    const message = `Message ${older.fullName} was deleted.`;
    report.add('PACKAGE_MESSAGE_NO_DELETE', visit.path, message, visit.where);
    report.add('MESSAGE_NO_DELETE', visit.path, message, visit.where);
    return [];
  }
  if (!older.mapEntry && !newer.mapEntry && newer.location.file !== older.location.file) {
    const message = `Message ${older.fullName} moved from ${older.location.file} to ${newer.location.file}.`;
    report.add('MESSAGE_NO_DELETE', visit.path, message, newer.location);
  }
  compareMessage(comparison, older, newer, visit.path);
  compareExtensions(comparison, older.fullName, visit.path);
  const newerFields = fieldsByNumber(newer);
  const referred = older.fields.flatMap((field) => {
    const kept = newerFields.get(field.number);
    const path = older.mapEntry ? visit.path : joinPath(visit.path, field.name);
    return typesOf(field, kept, path, kept?.location ?? newer.location);
  });
  const extensions = [...(comparison.olderExtensions.get(older.fullName)?.values() ?? [])].flatMap((extension) => {
    const kept = comparison.newerExtensions.get(older.fullName)?.get(extension.field.number);
    return typesOf(extension.field, kept?.field, extensionPath(visit.path, extension), kept?.field.location ?? newer.location);
  });
  return [...referred, ...extensions];
}

/**
 * The message or enum a field's values are, to compare next. A map kept as a map is compared by key and value,
 * so the value's type is next; a map that became a repeated field of a message (or the other way) is compared
 * through its entry message, which pairs with that message by name.
 */
function typesOf(field: ProtoField, kept: ProtoField | undefined, path: string, where: SourceLocation): Visit[] {
  if (field.mapEntry && kept && !kept.mapEntry) return [{ kind: 'message', fullName: field.mapEntry, path, where }];
  const { value } = field;
  if (value.kind === 'enum') return [{ kind: 'enum', fullName: value.typeName, path, where }];
  if ((value.kind === 'message' || value.kind === 'group') && !isWellKnown(value.typeName)) {
    return [{ kind: 'message', fullName: value.typeName, path, where }];
  }
  return [];
}

function visitEnum(comparison: Comparison, { fullName, path, where }: Visit): void {
  const { report } = comparison;
  const older = comparison.older.enums.get(fullName);
  if (!older) return;
  const newer = comparison.newer.enums.get(fullName);
  if (!newer) {
    const message = `Enum ${fullName} was deleted.`;
    report.add('PACKAGE_ENUM_NO_DELETE', path, message, where);
    report.add('ENUM_NO_DELETE', path, message, where);
    return;
  }
  if (newer.location.file !== older.location.file) {
    report.add('ENUM_NO_DELETE', path, `Enum ${fullName} moved from ${older.location.file} to ${newer.location.file}.`, newer.location);
  }
  compareEnum(comparison, older, newer, path);
}
