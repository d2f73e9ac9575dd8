import type { Severity } from '../../src/core/review.js';
import type { SeverityPolicy } from '../../src/rules/catalogue.js';

/**
 * The severities each policy can give a finding, as the catalogue documents them. Written out here rather than read
 * from the review, so that the severity function, every finding of the catalogue's examples and the generated policy
 * descriptions are each held to the same list, and any of them drifting from it fails.
 */
export const POLICY_SEVERITIES: Record<SeverityPolicy, readonly Severity[]> = {
  consumers: ['blocking', 'advisory', 'info', 'drift'],
  owner: ['blocking', 'advisory'],
  error: ['error', 'drift'],
  info: ['info'],
  advisory: ['advisory'],
  drift: ['drift'],
};
