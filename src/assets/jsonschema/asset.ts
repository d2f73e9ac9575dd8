import type { SchemaDocument, SchemaNode } from './model.js';
import type { SchemaIndex } from './resources.js';
import type { Views } from './views.js';

/** What the JSON Schema format hands back for one asset at one commit. */
export interface JsonSchemaAsset {
  name: string;
  root: SchemaNode;
  index: SchemaIndex;
  views: Views;
  /** The root's file first, then every file its references reach. */
  documents: SchemaDocument[];
}
