/** The TypeScript compiler's module, as its typings describe it. */
export type Typescript = typeof import('typescript');

let loading: Promise<Typescript> | undefined;

/**
 * The compiler, loaded on the first TypeScript contract only: a process that reviews none never pays for it (about
 * ten megabytes of JavaScript).
 */
export function loadTypescript(): Promise<Typescript> {
  loading ??= import('typescript').then((module) => module.default);
  return loading;
}

/** The reader's programs root the repository at `/`: a file's path there is its path from the repository root. */
export const toProgramPath = (path: string): string => `/${path}`;
export const fromProgramPath = (path: string): string => path.replace(/^\//, '');

/** The files the reader reads as TypeScript: `.ts`, `.tsx`, `.mts`, `.cts` and their declaration files. */
export const isTypescriptPath = (path: string): boolean => /\.(?:ts|tsx|mts|cts)$/.test(path) && !/(^|\/)node_modules\//.test(path);
