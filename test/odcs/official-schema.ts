import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';

/**
 * The ODCS test data (the standard's JSON Schema and examples) lives outside the repository: `DCR_TEST_ODCS_DIR`,
 * or `../shared/odcs` beside the repository root. A folder asked for by name must be there; the default may be
 * missing on a machine without it, and the tests that need it then say so in their name.
 */
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const named = process.env.DCR_TEST_ODCS_DIR;
export const ODCS_DIR = resolve(REPOSITORY, named ?? '../shared/odcs');
const SCHEMA_FILE = join(ODCS_DIR, 'odcs-json-schema-v3.1.0.json');
const present = existsSync(SCHEMA_FILE);

export function describeWithOdcs(name: string, tests: () => void): void {
  if (present) {
    describe(name, tests);
  } else if (named !== undefined) {
    describe(name, () => {
      it('finds the ODCS test data', () => {
        throw new Error(`DCR_TEST_ODCS_DIR is ${named}, but ${SCHEMA_FILE} does not exist`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no ODCS test data at ${ODCS_DIR}; set DCR_TEST_ODCS_DIR)`, tests);
  }
}

let validator: ValidateFunction | undefined;

/** The standard's own JSON Schema (draft 2019-09); formats (date-time, uri) are not checked, no exported key has one. */
export function odcsSchemaErrors(document: unknown): ErrorObject[] {
  validator ??= new Ajv2019({ allErrors: true, validateFormats: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  // The document as YAML or JSON would carry it: no undefined values, plain objects only.
  return validator(JSON.parse(JSON.stringify(document))) ? [] : (validator.errors ?? []);
}

export function officialExample(name: string): string {
  return readFileSync(join(ODCS_DIR, 'examples', name), 'utf8');
}
