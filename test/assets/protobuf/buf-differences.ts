import type { Level } from './pairs.js';

/** What buf finds that the product does not, and the other way round, for one pair at one level. */
export interface Divergence {
  bufOnly?: readonly string[];
  productOnly?: readonly string[];
}

/** One deliberate difference from buf, explained in DIFFERENCES.md under `heading`, and the pairs that show it. */
export interface Difference {
  heading: string;
  pairs: Record<string, Partial<Record<Level, Divergence>>>;
}

const EVERY_LEVEL = (divergence: Divergence): Record<Level, Divergence> => ({
  WIRE: divergence,
  WIRE_JSON: divergence,
  PACKAGE: divergence,
  FILE: divergence,
});

export const DIFFERENCES: readonly Difference[] = [
  {
    heading: 'Only what the asset message reaches is judged',
    pairs: {
      'unreachable-message-changed': {
        WIRE: { bufOnly: ['FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED'] },
        WIRE_JSON: { bufOnly: ['FIELD_NO_DELETE_UNLESS_NAME_RESERVED', 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED'] },
        PACKAGE: { bufOnly: ['FIELD_NO_DELETE'] },
        FILE: { bufOnly: ['FIELD_NO_DELETE'] },
      },
    },
  },
  {
    heading: 'Required fields are required whatever the syntax',
    pairs: {
      'editions-required-field-added': EVERY_LEVEL({ productOnly: ['MESSAGE_SAME_REQUIRED_FIELDS'] }),
      'editions-field-made-required': EVERY_LEVEL({ productOnly: ['MESSAGE_SAME_REQUIRED_FIELDS'] }),
      'editions-required-made-optional': EVERY_LEVEL({ productOnly: ['MESSAGE_SAME_REQUIRED_FIELDS'] }),
      'proto2-required-to-editions': EVERY_LEVEL({ bufOnly: ['MESSAGE_SAME_REQUIRED_FIELDS'] }),
    },
  },
  {
    heading: 'Deleting the last enum or extension of a package is a deletion',
    pairs: {
      'enum-deleted': { PACKAGE: { productOnly: ['PACKAGE_ENUM_NO_DELETE'] } },
      'enum-replaced-by-superset-copy': { PACKAGE: { productOnly: ['PACKAGE_ENUM_NO_DELETE'] } },
      'last-extension-deleted': { PACKAGE: { productOnly: ['PACKAGE_EXTENSION_NO_DELETE'] } },
    },
  },
  {
    heading: 'A map entry is not a message of its own',
    pairs: {
      'map-renamed': {
        WIRE: { bufOnly: ['FIELD_WIRE_COMPATIBLE_TYPE'] },
        WIRE_JSON: { bufOnly: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'] },
        PACKAGE: { bufOnly: ['FIELD_SAME_TYPE', 'PACKAGE_MESSAGE_NO_DELETE'] },
        FILE: { bufOnly: ['FIELD_SAME_TYPE', 'MESSAGE_NO_DELETE'] },
      },
      'map-to-repeated': { PACKAGE: { bufOnly: ['PACKAGE_MESSAGE_NO_DELETE'] }, FILE: { bufOnly: ['MESSAGE_NO_DELETE'] } },
      'map-to-repeated-message': { PACKAGE: { bufOnly: ['PACKAGE_MESSAGE_NO_DELETE'] }, FILE: { bufOnly: ['MESSAGE_NO_DELETE'] } },
    },
  },
  {
    heading: 'Well-known types are not the repository\'s to delete',
    pairs: { 'well-known-type-replaced': { PACKAGE: { bufOnly: ['PACKAGE_MESSAGE_NO_DELETE'] } } },
  },
  {
    heading: 'A message whose file was renamed or deleted left its file',
    pairs: { 'file-renamed': { FILE: { productOnly: ['MESSAGE_NO_DELETE'] } } },
  },
];

/**
 * buf's rules about something other than the data a message carries: files and their options, services, and what
 * generated code looks like. The product leaves them to buf; a buf rule neither checked nor listed here is new.
 */
const OUT_OF_SCOPE_EXACT = new Set([
  'FILE_NO_DELETE',
  'PACKAGE_NO_DELETE',
  'PACKAGE_SERVICE_NO_DELETE',
  'SERVICE_NO_DELETE',
  'FIELD_SAME_CPP_STRING_TYPE',
  'FIELD_SAME_JAVA_UTF8_VALIDATION',
  'FIELD_SAME_JSTYPE',
  'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
]);

export function isOutOfScope(rule: string): boolean {
  return OUT_OF_SCOPE_EXACT.has(rule) || /^(FILE_SAME_|RPC_)/.test(rule);
}
