import type { ExtractionError } from '../assets/model.js';
import type { Engine } from '../review/engine.js';
import type { FoundAsset } from './proposal.js';

export type AssetReaders = Pick<Engine, 'readAsset' | 'listAssets'>;

/** The assets found for what was asked, and what the user should read about the search. */
export interface Search {
  found: FoundAsset[];
  /** Worth knowing: how files were read, assets left alone because a contract names them. */
  notes: string[];
  /** What could not be read: a proposal may miss what it hides. */
  warnings: string[];
  /** Why something asked for cannot be proposed. */
  problems: string[];
}

export const emptySearch = (): Search => ({ found: [], notes: [], warnings: [], problems: [] });

/** `db/migrations/V2.sql:3: syntax error`: a failure where the user finds it. */
export function located(error: Pick<ExtractionError, 'file' | 'line' | 'message'>): string {
  return `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`;
}

