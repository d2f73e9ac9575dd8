import type { CompatibilityOptions, Incompatibility } from '../events/format.js';
import type { SourceLocation } from '../model.js';
import { compareEnum } from './compare-enums.js';
import { compareMessage } from './compare-messages.js';
import { DEFAULT_LEVEL } from './levels.js';
import type { ProtobufSchema, ProtoField, ProtoMessage } from './model.js';
import { type Comparison, Report } from './report.js';
import { joinPath, openedMessage } from './schema.js';

/**
 * buf's breaking-change rules at the contract's level, for the asset message and every message and enum its fields
 * reach in the older version, each found under every path that reaches it. As buf, messages and enums pair by full
 * name and fields and enum values by number, whichever field now refers to them.
 */
export function protobufIncompatibilities(older: ProtobufSchema, newer: ProtobufSchema, options: CompatibilityOptions): Incompatibility[] {
  const comparison: Comparison = { older, newer, report: new Report(options.level ?? DEFAULT_LEVEL) };
  const asset = older.messages.get(older.name);
  const newerAsset = newer.messages.get(newer.name);
  if (asset && newerAsset) visitMessage(comparison, asset, '', new Set([asset.fullName]), newerAsset.location);
  return comparison.report.incompatibilities;
}

/**
 * `where` is the newer version's place for the message: the field that referred to it, else its parent, so a
 * deleted message is still reported in the newer files.
 */
function visitMessage(comparison: Comparison, older: ProtoMessage, path: string, onPath: ReadonlySet<string>, where: SourceLocation): void {
  const newer = comparison.newer.messages.get(older.fullName);
  if (!newer) {
    const message = `Message ${older.fullName} was deleted.`;
    comparison.report.add('PACKAGE_MESSAGE_NO_DELETE', path, message, where);
    comparison.report.add('MESSAGE_NO_DELETE', path, message, where);
    return;
  }
  if (newer.location.file !== older.location.file) {
    const message = `Message ${older.fullName} moved from ${older.location.file} to ${newer.location.file}.`;
    comparison.report.add('MESSAGE_NO_DELETE', path, message, newer.location);
  }
  compareMessage(comparison, older, newer, path);
  for (const field of older.fields) {
    const kept = newer.fields.find((candidate) => candidate.number === field.number);
    visitValue(comparison, field, joinPath(path, field.name), onPath, kept?.location ?? newer.location);
  }
}

function visitValue(comparison: Comparison, field: ProtoField, path: string, onPath: ReadonlySet<string>, where: SourceLocation): void {
  if (field.value.kind === 'enum') visitEnum(comparison, field.value.typeName, path, where);
  const nested = openedMessage(comparison.older, field);
  if (nested && !onPath.has(nested.fullName)) visitMessage(comparison, nested, path, new Set([...onPath, nested.fullName]), where);
}

function visitEnum(comparison: Comparison, fullName: string, path: string, where: SourceLocation): void {
  const older = comparison.older.enums.get(fullName);
  if (!older) return;
  const newer = comparison.newer.enums.get(fullName);
  if (!newer) {
    const message = `Enum ${fullName} was deleted.`;
    comparison.report.add('PACKAGE_ENUM_NO_DELETE', path, message, where);
    comparison.report.add('ENUM_NO_DELETE', path, message, where);
    return;
  }
  if (newer.location.file !== older.location.file) {
    comparison.report.add('ENUM_NO_DELETE', path, `Enum ${fullName} moved from ${older.location.file} to ${newer.location.file}.`, newer.location);
  }
  compareEnum(comparison, older, newer, path);
}
