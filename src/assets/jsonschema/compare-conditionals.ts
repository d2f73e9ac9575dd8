import { type Pass, readerSide, swapRoles, writerSide } from './comparison.js';
import { mergeViews } from './merge-views.js';
import type { SchemaNode } from './model.js';
import type { Conditional, SchemaView } from './view.js';

/**
 * `if`/`then`/`else`, which Confluent does not judge: the reader's must hold of the writer's data. It does when the
 * writer's data meets the reader's `then` and `else` whatever the condition, or when the writer has an `if` that
 * accepts the same data as the reader's, and its data meets the reader's `then` where the writer's `then` applies,
 * and the reader's `else` where the writer's `else` does.
 */
export function compareConditionals(pass: Pass, writer: SchemaView, reader: SchemaView, path: string): void {
  const { roles } = pass;
  for (const conditional of reader.conditionals) {
    if (!conditional.then && !conditional.else) continue;
    const holds = (written: SchemaView, ownBranch: SchemaNode | undefined, branch: SchemaNode | undefined) => {
      if (!branch) return true;
      const meeting = ownBranch ? mergeViews(written, roles.writer.of([ownBranch])) : written;
      return pass.trial(meeting, roles.reader.of([branch]), path).length === 0;
    };
    if (holds(writer, undefined, conditional.then) && holds(writer, undefined, conditional.else)) continue;
    const sameCondition = writer.conditionals.find((own) => sameIf(pass, own, conditional, path));
    if (sameCondition && holds(writer, sameCondition.then, conditional.then) && holds(writer, sameCondition.else, conditional.else)) continue;
    const detail = `${readerSide(roles)}'s if/then/else may refuse data that ${writerSide(roles)} accepts`;
    pass.report('jsonschema-conditional-changed', path, detail, {
      writer: { node: sameCondition?.node ?? writer.home, keyword: sameCondition ? 'if' : undefined },
      reader: { node: conditional.node, keyword: 'if' },
    });
  }
}

/** Whether two `if`s accept the same data: each accepts what the other does. */
function sameIf(pass: Pass, own: Conditional, theirs: Conditional, path: string): boolean {
  const { roles } = pass;
  const [ownIf, theirIf] = [roles.writer.of([own.if]), roles.reader.of([theirs.if])];
  return pass.trial(ownIf, theirIf, path).length === 0 && pass.trial(theirIf, ownIf, path, swapRoles(roles)).length === 0;
}
