import type { Settings } from '../../config/schema.js';
import type { ByteLimit } from './migration-files.js';
import type { ReplayLimits } from './replay-protocol.js';

export interface SqliteLimits {
  replay: ReplayLimits;
  bytes: ByteLimit;
}

/** The replay's limits from the repository settings. */
export function sqliteLimits(settings: Settings): SqliteLimits {
  const { statementTimeoutSeconds, timeoutSeconds, maxBytes } = settings.sqlite;
  return {
    replay: {
      statementTimeoutMs: statementTimeoutSeconds * 1000,
      commitTimeoutMs: timeoutSeconds * 1000,
      settingNames: { statement: 'sqlite.statementTimeoutSeconds', commit: 'sqlite.timeoutSeconds' },
    },
    bytes: { maxBytes, setting: 'sqlite.maxBytes' },
  };
}
