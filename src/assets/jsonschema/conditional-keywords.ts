import { childNode } from './keywords.js';
import { isJsonObject, type JsonObject, type SchemaNode } from './model.js';
import type { SchemaView } from './view.js';

/**
 * The keywords that ask something only of some data: `dependencies` (every draft, as Ajv reads it) and its
 * 2019-09 halves `dependentRequired` and `dependentSchemas`; `contains` with its counts (2019-09 on); `if`/`then`/
 * `else`.
 */
export function readConditionalKeywords(view: SchemaView, node: SchemaNode, schema: JsonObject): void {
  const since2019 = node.document.draft !== '07';
  for (const keyword of since2019 ? ['dependencies', 'dependentRequired', 'dependentSchemas'] : ['dependencies']) {
    const map = schema[keyword];
    if (!isJsonObject(map)) continue;
    for (const [name, dependency] of Object.entries(map)) {
      if (Array.isArray(dependency)) {
        const names = dependency.filter((required): required is string => typeof required === 'string');
        view.dependentRequired.set(name, { value: names, node, keyword });
      } else if (keyword !== 'dependentRequired') {
        view.dependentSchemas.set(name, [...(view.dependentSchemas.get(name) ?? []), childNode(node, [keyword, name])]);
      }
    }
  }
  if ('contains' in schema) {
    const count = (keyword: string) => (since2019 && typeof schema[keyword] === 'number' ? schema[keyword] : undefined);
    const max = count('maxContains');
    view.contains = [{ node, schema: childNode(node, ['contains']), min: count('minContains') ?? 1, ...(max === undefined ? {} : { max }) }];
  }
  if ('if' in schema) {
    const branch = (keyword: 'then' | 'else') => (keyword in schema ? { [keyword]: childNode(node, [keyword]) } : {});
    view.conditionals = [{ node, if: childNode(node, ['if']), ...branch('then'), ...branch('else') }];
  }
}
