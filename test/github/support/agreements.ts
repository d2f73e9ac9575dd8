import { ORDERS_CONTRACT } from '../../support/orders-contract.js';
import type { Files } from './repository.js';
import { BASE_FILES, DROP_AMOUNT } from './shop.js';

/** The shop's contract with the blocking consumer's contact a person, who approves as herself. */
export const MARIA_CONTRACT = ORDERS_CONTRACT.replace('"@acme/analytics"', '"@maria"');

/** The shop as the agreement tests start from: the orders contract, its consumer's contact a person. */
export const AGREED_FILES: Files = { ...BASE_FILES, 'contracts/orders.yaml': MARIA_CONTRACT };

/** A second break for the same consumer: the other contracted column goes, on the migration's line 1. */
export const DROP_ID: Files = { 'db/migrations/V3__drop_id.sql': 'ALTER TABLE orders DROP COLUMN id;\n' };

/** The default override label. */
export const OVERRIDE_LABEL = 'data-contracts: override';

/**
 * The commits of one pull request's story over `base`: a break of the consumer's column, a push that adds nothing
 * (only code), and a push that adds a second break for the same consumer.
 */
export function agreementCommits(base: Files) {
  const breaking = { ...base, ...DROP_AMOUNT };
  const codeOnly = { ...breaking, 'src/app.ts': 'export const version = 2;\n' };
  return {
    main: { files: base },
    breaking: { parent: 'main', files: breaking },
    'code-only': { parent: 'breaking', files: codeOnly },
    'second-break': { parent: 'code-only', files: { ...codeOnly, ...DROP_ID } },
  };
}

/** `.github/data-contracts.yml` with these lines. */
export function withSettings(files: Files, lines: string[]): Files {
  return { ...files, '.github/data-contracts.yml': `${lines.join('\n')}\n` };
}
