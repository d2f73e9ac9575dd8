import type { Annotation, CheckRunStatus } from '../context.js';
import {
  ValidationError,
  objectFields,
  optionalInteger,
  optionalString,
  requiredInteger,
  requiredString,
} from '../http.js';

const STATUSES: ReadonlySet<string> = new Set<CheckRunStatus>(['queued', 'in_progress', 'completed']);
/** `stale` is missing on purpose: only GitHub sets it. */
const CONCLUSIONS: ReadonlySet<string> = new Set([
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'timed_out',
]);
const ANNOTATION_LEVELS: ReadonlySet<string> = new Set<Annotation['annotation_level']>([
  'notice',
  'warning',
  'failure',
]);
const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_OUTPUT_CHARACTERS = 65535;

/** What one create or update request sets; annotations add to those the check run has. */
export interface CheckRunChanges {
  name?: string;
  details_url?: string;
  external_id?: string;
  status?: CheckRunStatus;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title: string; summary: string; text?: string; annotations: Annotation[] };
}

/** A create or update request's fields, validated as GitHub validates them; a `ValidationError` (422) otherwise. */
export function parseChanges(fields: Record<string, unknown>): CheckRunChanges {
  const status = optionalString(fields, 'status');
  if (status !== undefined && !STATUSES.has(status)) {
    throw new ValidationError(`Invalid request.\n\n"${status}" is not a valid status.`);
  }
  const conclusion = optionalString(fields, 'conclusion');
  if (conclusion !== undefined && !CONCLUSIONS.has(conclusion)) {
    throw new ValidationError(`Invalid request.\n\n"${conclusion}" is not a valid conclusion.`);
  }
  return {
    name: optionalString(fields, 'name'),
    details_url: optionalString(fields, 'details_url'),
    external_id: optionalString(fields, 'external_id'),
    status: status as CheckRunStatus | undefined,
    conclusion,
    started_at: optionalString(fields, 'started_at'),
    completed_at: optionalString(fields, 'completed_at'),
    output: fields.output === undefined ? undefined : parseOutput(objectFields(fields.output, 'output')),
  };
}

function parseOutput(fields: Record<string, unknown>): NonNullable<CheckRunChanges['output']> {
  const output = {
    title: requiredString(fields, 'title', 'output.title'),
    summary: requiredString(fields, 'summary', 'output.summary'),
    text: optionalString(fields, 'text', 'output.text'),
    annotations: fields.annotations === undefined ? [] : parseAnnotations(fields.annotations),
  };
  for (const [label, content] of [
    ['output.summary', output.summary],
    ['output.text', output.text ?? ''],
  ] as const) {
    if (content.length > MAX_OUTPUT_CHARACTERS) {
      throw new ValidationError(
        `Invalid request.\n\nFor '${label}', only ${MAX_OUTPUT_CHARACTERS} characters are allowed; ${content.length} were supplied.`,
      );
    }
  }
  return output;
}

function parseAnnotations(value: unknown): Annotation[] {
  if (!Array.isArray(value)) {
    throw new ValidationError(
      `Invalid request.\n\nFor 'output.annotations', ${JSON.stringify(value)} is not an array.`,
    );
  }
  if (value.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw new ValidationError(
      `Invalid request.\n\nOnly ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request; ${value.length} were supplied.`,
    );
  }
  return value.map((item, index) =>
    parseAnnotation(objectFields(item, `output.annotations[${index}]`), `output.annotations[${index}]`),
  );
}

function parseAnnotation(fields: Record<string, unknown>, label: string): Annotation {
  const level = requiredString(fields, 'annotation_level', `${label}.annotation_level`);
  if (!ANNOTATION_LEVELS.has(level)) {
    throw new ValidationError(`Invalid request.\n\n"${level}" is not a valid annotation_level.`);
  }
  const annotation: Annotation = {
    path: requiredString(fields, 'path', `${label}.path`),
    start_line: requiredInteger(fields, 'start_line', `${label}.start_line`),
    end_line: requiredInteger(fields, 'end_line', `${label}.end_line`),
    annotation_level: level as Annotation['annotation_level'],
    message: requiredString(fields, 'message', `${label}.message`),
  };
  const startColumn = optionalInteger(fields, 'start_column', `${label}.start_column`);
  const endColumn = optionalInteger(fields, 'end_column', `${label}.end_column`);
  if ((startColumn !== undefined || endColumn !== undefined) && annotation.start_line !== annotation.end_line) {
    throw new ValidationError(
      `Invalid request.\n\nFor '${label}', columns are allowed only when start_line equals end_line.`,
    );
  }
  if (startColumn !== undefined) annotation.start_column = startColumn;
  if (endColumn !== undefined) annotation.end_column = endColumn;
  const title = optionalString(fields, 'title', `${label}.title`);
  if (title !== undefined) annotation.title = title;
  const rawDetails = optionalString(fields, 'raw_details', `${label}.raw_details`);
  if (rawDetails !== undefined) annotation.raw_details = rawDetails;
  return annotation;
}
