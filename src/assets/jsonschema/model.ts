import type { JsonDocument, JsonPath } from '../json-document.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Schema drafts the reader understands, by the `$schema` a file names (draft-07 when it names none). */
export type Draft = '07' | '2019-09' | '2020-12';

/** One schema file. */
export interface SchemaDocument {
  file: string;
  json: JsonDocument;
  draft: Draft;
  /** The file's path as a URI (`file:///schemas/order.json`): references resolve against it when there is no `$id`. */
  fileUri: string;
  /** The root's base URI: its `$id`, resolved against the file's URI, else the file's URI. */
  baseUri: string;
}

/** A schema (an object or a boolean) at one place in one file, with the base URI its `$ref`s resolve against. */
export interface SchemaNode {
  document: SchemaDocument;
  pointer: JsonPath;
  value: unknown;
  baseUri: string;
}
