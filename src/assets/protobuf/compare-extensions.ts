import { compareField } from './compare-fields.js';
import type { ExtensionIndex, ProtoExtension, ProtobufSchema } from './model.js';
import type { Comparison } from './report.js';
import { joinPath } from './schema.js';

export function indexExtensions(schema: ProtobufSchema): ExtensionIndex {
  const index = new Map<string, Map<number, ProtoExtension>>();
  for (const extension of schema.extensions.values()) {
    const byNumber = index.get(extension.extendee) ?? new Map<number, ProtoExtension>();
    byNumber.set(extension.field.number, extension);
    index.set(extension.extendee, byNumber);
  }
  return index;
}

/** Where an extension of the message at `path` is reported: `[acme.note]`, as JSON spells an extension. */
export function extensionPath(path: string, extension: ProtoExtension): string {
  return joinPath(path, `[${extension.fullName}]`);
}

/**
 * buf's rules for the extensions of a message kept in both versions. An extension is not a field of the message it
 * extends: it belongs to the file and package that declare it (EXTENSION_NO_DELETE, PACKAGE_EXTENSION_NO_DELETE),
 * and pairs with the newer extension of the same message at the same number for the field rules.
 */
export function compareExtensions(comparison: Comparison, extendee: string, path: string): void {
  const { report, newer, newerExtensions } = comparison;
  const olderExtensions = comparison.olderExtensions.get(extendee) ?? new Map<number, ProtoExtension>();
  for (const older of olderExtensions.values()) {
    const at = extensionPath(path, older);
    const subject = `Extension ${older.field.number} "${older.fullName}" of ${extendee}`;
    const declared = newer.extensions.get(older.fullName);
    const paired = newerExtensions.get(extendee)?.get(older.field.number);
    const location = paired?.field.location ?? newer.messages.get(extendee)?.location ?? older.field.location;
    if (!declared) {
      report.add('EXTENSION_NO_DELETE', at, `${subject} was deleted.`, location);
      report.add('PACKAGE_EXTENSION_NO_DELETE', at, `${subject} was deleted.`, location);
    } else if (declared.field.location.file !== older.field.location.file) {
      report.add('EXTENSION_NO_DELETE', at, `${subject} moved from ${older.field.location.file} to ${declared.field.location.file}.`, declared.field.location);
    }
    if (paired) {
      compareField(comparison, { older: older.field, newer: paired.field, path: at, subject, extension: { older: older.fullName, newer: paired.fullName } });
    }
  }
}
