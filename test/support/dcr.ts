import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../lib/cli/bin.js', import.meta.url));

export interface DcrResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `dcr` in a process of its own, as a user would (`npm test` builds first). */
export function dcr(...args: string[]): Promise<DcrResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
