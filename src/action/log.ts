import { type Logger, pino } from 'pino';
import { workflowCommand } from './workflow-commands.js';

/** Fields the shared code logs that say nothing to someone reading a workflow's log, or could carry a secret. */
const LEFT_OUT = new Set(['level', 'time', 'msg', 'err', 'pid', 'hostname', 'token', 'headers']);

/**
 * The logger the shared review code writes to, as lines of the workflow's log: the message and its fields in words,
 * warnings and errors as workflow commands, so the run's page lists them.
 */
export function workflowLogger(write: (text: string) => void): Logger {
  return pino({ level: 'info', base: undefined }, { write: (line: string) => write(logLine(line)) });
}

function logLine(json: string): string {
  const entry = JSON.parse(json) as Record<string, unknown> & { level: number; msg?: string };
  const fields = Object.entries(entry)
    .filter(([name, value]) => !LEFT_OUT.has(name) && value !== undefined)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const text = fields.length > 0 ? `${entry.msg ?? ''} (${fields.join(', ')})` : (entry.msg ?? '');
  if (entry.level >= 50) return workflowCommand('error', text);
  if (entry.level >= 40) return workflowCommand('warning', text);
  return `${text}\n`;
}
