import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '../../src/config/load.js';

const DEFAULTS = {
  contracts: ['contracts/**/*.{yml,yaml}'],
  comment: 'on-findings',
  postgres: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 },
  schemas: { maxBytes: 8 * 1024 * 1024, historyDepth: 50 },
  mysql: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 },
  sqlite: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 },
  dbt: { maxBytes: 8 * 1024 * 1024 },
  approvals: { acrossPushes: false, requestReviews: false },
  override: { label: 'data-contracts: override' },
};

const IGNORED = '(the whole file is ignored: the default settings apply)';

describe('loadSettings', () => {
  it('gives the defaults when there is no file, or nothing in it', () => {
    expect(loadSettings(undefined)).toEqual({ settings: DEFAULTS, errors: [] });
    expect(loadSettings('')).toEqual({ settings: DEFAULTS, errors: [] });
    expect(loadSettings('# settings to come\n')).toEqual({ settings: DEFAULTS, errors: [] });
  });

  it('reads what the file sets and keeps the defaults for the rest', () => {
    const text = [
      'contracts: data/contracts/*.yaml',
      'comment: always',
      'postgres:',
      '  timeoutSeconds: 120',
      '  statementTimeoutSeconds: 30',
      'schemas:',
      '  historyDepth: 5',
      'approvals:',
      '  acrossPushes: true',
      'override:',
      '  label: contracts-override',
      '',
    ].join('\n');
    expect(loadSettings(text)).toEqual({
      settings: {
        contracts: ['data/contracts/*.yaml'],
        comment: 'always',
        postgres: { statementTimeoutSeconds: 30, timeoutSeconds: 120, maxBytes: 8 * 1024 * 1024 },
        schemas: { maxBytes: 8 * 1024 * 1024, historyDepth: 5 },
        mysql: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 },
        sqlite: { statementTimeoutSeconds: 10, timeoutSeconds: 600, maxBytes: 8 * 1024 * 1024 },
        dbt: { maxBytes: 8 * 1024 * 1024 },
        approvals: { acrossPushes: true, requestReviews: false },
        override: { label: 'contracts-override' },
      },
      errors: [],
    });
  });

  it('falls back to the defaults on a YAML syntax error, saying so', () => {
    expect(loadSettings('comment: [always\n')).toEqual({
      settings: DEFAULTS,
      errors: [
        {
          file: '.github/data-contracts.yml',
          line: 2,
          column: 1,
          message: `Flow sequence in block collection must be sufficiently indented and end with a ] ${IGNORED}`,
        },
      ],
    });
  });

  it('falls back to the defaults on unknown keys and wrong values, each at its position', () => {
    const text = ['comment: sometimes', 'postgres:', '  timeoutSeconds: 0', '  maxBytes: 1.5', 'contract: x/*.yaml', ''].join('\n');
    const { settings, errors } = loadSettings(text, 'config/dcr.yml');
    expect(settings).toEqual(DEFAULTS);
    expect(errors).toEqual([
      { file: 'config/dcr.yml', line: 1, column: 10, message: `comment: must be one of "on-findings", "always", "never", but is "sometimes" ${IGNORED}` },
      { file: 'config/dcr.yml', line: 3, column: 19, message: `postgres.timeoutSeconds: must be greater than 0 ${IGNORED}` },
      { file: 'config/dcr.yml', line: 4, column: 13, message: `postgres.maxBytes: must be an integer, but is the number 1.5 ${IGNORED}` },
      { file: 'config/dcr.yml', line: 5, column: 1, message: `contract: unknown key ${IGNORED}` },
    ]);
  });

  it('bounds the time limit of one statement', () => {
    expect(loadSettings('postgres:\n  statementTimeoutSeconds: 301\n').errors).toEqual([
      { file: '.github/data-contracts.yml', line: 2, column: 28, message: `postgres.statementTimeoutSeconds: must be at most 300 ${IGNORED}` },
    ]);
    expect(loadSettings('postgres:\n  statementTimeoutSeconds: 0.5\n').settings.postgres.statementTimeoutSeconds).toBe(0.5);
  });

  it('refuses a contracts glob that can match nothing', () => {
    expect(loadSettings('contracts: [contracts/*.yaml, "../shared/*.yaml"]\n').errors).toEqual([
      {
        file: '.github/data-contracts.yml',
        line: 1,
        column: 31,
        message: `contracts[1]: must stay inside the repository: ".." is not allowed ${IGNORED}`,
      },
    ]);
  });

  it('bounds the contracts globs, however many a file lists', () => {
    const globs = Array.from({ length: 300_000 }, (_, index) => `c${index}/*.yaml`);
    const { settings, errors } = loadSettings(`contracts: ${JSON.stringify(globs)}\n`);
    expect(errors).toEqual([
      { file: '.github/data-contracts.yml', line: 1, column: 12, message: `contracts: lists 300000 globs; at most 100 are allowed ${IGNORED}` },
    ]);
    expect(settings.contracts).toEqual(['contracts/**/*.{yml,yaml}']);
  });

  it('refuses a file that is not a mapping', () => {
    expect(loadSettings('- contracts/*.yaml\n').errors).toEqual([
      { file: '.github/data-contracts.yml', line: 1, column: 1, message: `the file must be a mapping, but is a list ${IGNORED}` },
    ]);
  });
});
