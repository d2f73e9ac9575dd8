import { appendFile } from 'node:fs/promises';

/**
 * GitHub Actions' workflow commands, as the runner reads them from a step's output: `::warning::text` marks a line
 * of the log, with the message's `%`, CR and LF escaped so one command stays on one line.
 */
export function workflowCommand(name: 'error' | 'warning', message: string): string {
  return `::${name}::${escapeData(message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Adds markdown to the page GitHub shows for the workflow run (`GITHUB_STEP_SUMMARY`); without one, nothing. */
export async function addToSummary(summaryPath: string | undefined, markdown: string): Promise<void> {
  if (summaryPath === undefined) return;
  await appendFile(summaryPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
