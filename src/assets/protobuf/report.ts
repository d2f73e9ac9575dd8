import type { Incompatibility } from '../events/format.js';
import type { SourceLocation } from '../model.js';
import { appliesAt, type BufLevel, type BufRule, ruleId } from '../../rules/protobuf-levels.js';
import type { ExtensionIndex, ProtobufSchema } from './model.js';

/** Collects what buf's rules at one level find, once each. */
export class Report {
  private readonly found = new Map<string, Incompatibility>();

  constructor(private readonly level: BufLevel) {}

  add(rule: BufRule, path: string, message: string, location: SourceLocation): void {
    if (!appliesAt(rule, this.level)) return;
    const id = ruleId(rule);
    const key = JSON.stringify([id, path, message]);
    if (!this.found.has(key)) this.found.set(key, { rule: id, path, message, location });
  }

  get incompatibilities(): Incompatibility[] {
    return [...this.found.values()];
  }
}

/** The two versions being compared and where their differences go. */
export interface Comparison {
  older: ProtobufSchema;
  newer: ProtobufSchema;
  report: Report;
  /** Each version's extensions, by the message they extend and their number. */
  olderExtensions: ExtensionIndex;
  newerExtensions: ExtensionIndex;
}
