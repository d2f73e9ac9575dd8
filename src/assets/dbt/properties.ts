import type { ExtractionError } from '../model.js';
import { columnEntry, constraintsUnder } from './columns.js';
import type { ColumnEntry, ColumnSelection, ModelConfig, ModelEntry, VersionEntry } from './entries.js';
import { asMap, booleanUnder, listUnder, member, namesUnder, Problems, scalarText, textUnder } from './tree-values.js';
import type { YamlMap, YamlTree } from './yaml-tree.js';

/** What one properties file declares about models. */
export interface PropertiesFile {
  models: ModelEntry[];
  /** The line of `models:`, where an entry the change removed was. */
  modelsLine?: number;
  /** Problems no one model owns: the file's shape, an entry that names no model. */
  errors: ExtractionError[];
}

const PROPERTIES_VERSION = 2;

/**
 * The `models:` entries of a properties file. Sources, seeds, snapshots and the rest of the file are not read; a
 * file that is no mapping, a `version:` other than 2, a `models:` that is no list and an entry that names no model
 * are problems at their lines, as dbt refuses them.
 */
export function readProperties(file: string, tree: YamlTree | undefined): PropertiesFile {
  const problems = new Problems(file);
  if (tree === undefined) return { models: [], errors: [] };
  const root = asMap(tree);
  if (!root) {
    problems.at(tree.line, 'a properties file must be a mapping (version: 2, models: ...)');
    return { models: [], errors: problems.errors };
  }
  const version = member(root, 'version');
  if (version && version.value.kind === 'scalar' && version.value.value !== PROPERTIES_VERSION) {
    problems.at(version.keyLine, `version: ${String(version.value.value)} is not a properties file version dbt reads (version: 2)`);
    return { models: [], errors: problems.errors };
  }
  const list = listUnder(root, 'models', problems, 'models');
  const models = (list?.items ?? []).flatMap((item) => {
    const entry = modelEntry(file, item, problems);
    return entry ? [entry] : [];
  });
  const modelsLine = member(root, 'models')?.keyLine;
  return { models, errors: problems.errors, ...(modelsLine === undefined ? {} : { modelsLine }) };
}

function modelEntry(file: string, item: YamlTree, fileProblems: Problems): ModelEntry | undefined {
  const map = asMap(item);
  const name = map && member(map, 'name');
  const text = scalarText(name?.value);
  if (!map || !name || text === undefined) {
    fileProblems.at(item.line, 'this models: entry names no model (it needs name:), so dbt refuses the file');
    return undefined;
  }
  const problems = new Problems(file);
  const columns = listUnder(map, 'columns', problems, 'columns');
  const entry: ModelEntry = {
    name: text,
    file,
    line: name.keyLine,
    config: modelConfig(map, problems),
    columns: columnEntries(columns?.items ?? [], problems),
    constraints: constraintsUnder(map, problems, true),
    errors: problems.errors,
  };
  if (columns) entry.columnsLine = member(map, 'columns')!.keyLine;
  const versions = listUnder(map, 'versions', problems, 'versions');
  if (versions) entry.versions = versionEntries(versions.items, problems);
  const latest = textUnder(map, 'latest_version', problems);
  if (latest && !entry.versions?.some((version) => version.v === latest.value)) {
    problems.at(latest.line, `latest_version: ${latest.value} is not one of the model's versions, which dbt refuses`);
  } else if (latest) {
    entry.latestVersion = latest;
  }
  return entry;
}

function columnEntries(items: YamlTree[], problems: Problems): ColumnEntry[] {
  return items.flatMap((item) => {
    const column = columnEntry(item, problems);
    return column ? [column] : [];
  });
}

/** The settings of `config:` that change what dbt guarantees; the others are left alone. */
function modelConfig(map: YamlMap, problems: Problems): ModelConfig {
  const config = asMap(member(map, 'config')?.value);
  const settings: ModelConfig = {};
  const enforced = booleanUnder(asMap(member(config, 'contract')?.value), 'enforced', problems);
  if (enforced) settings.enforced = enforced;
  const materialized = textUnder(config, 'materialized', problems);
  if (materialized) settings.materialized = materialized;
  const enabled = booleanUnder(config, 'enabled', problems);
  if (enabled) settings.enabled = enabled;
  return settings;
}

function versionEntries(items: YamlTree[], problems: Problems): VersionEntry[] {
  const seen = new Map<string, number>();
  return items.flatMap((item): VersionEntry[] => {
    const map = asMap(item);
    const v = map && member(map, 'v');
    const text = scalarText(v?.value);
    if (!map || !v || text === undefined) {
      problems.at(item.line, 'this versions: entry has no v: (its version identifier)');
      return [];
    }
    const earlier = seen.get(text);
    if (earlier !== undefined) {
      problems.at(v.keyLine, `version ${text} is declared twice (first at line ${earlier}), which dbt refuses`);
      return [];
    }
    seen.set(text, v.keyLine);
    const version: VersionEntry = { v: text, line: v.keyLine, config: modelConfig(map, problems), constraints: constraintsUnder(map, problems, true) };
    const definedIn = textUnder(map, 'defined_in', problems);
    if (definedIn) version.definedIn = definedIn.value.replace(/\.(sql|py)$/, '');
    const columns = listUnder(map, 'columns', problems, 'columns');
    if (columns) {
      const directives = columns.items.filter((column) => {
        const entry = asMap(column);
        return !!entry && !member(entry, 'name') && (!!member(entry, 'include') || !!member(entry, 'exclude'));
      });
      const [selection, second] = directives.map((directive) => columnSelection(asMap(directive)!, problems));
      if (second) problems.at(second.line, 'a version\'s columns: may hold one include/exclude entry, which dbt requires');
      const entries = columnEntries(columns.items.filter((column) => !directives.includes(column)), problems);
      version.columns = { entries, line: member(map, 'columns')!.keyLine, ...(selection ? { selection } : {}) };
    }
    return [version];
  });
}

/** `include: all | '*' | [names]`, `exclude: [names]` (dbt allows `exclude` only with `include: all`). */
function columnSelection(map: YamlMap, problems: Problems): ColumnSelection {
  const include = member(map, 'include');
  const line = (include ?? member(map, 'exclude'))!.keyLine;
  const word = scalarText(include?.value);
  const all = include === undefined || word === 'all' || word === '*';
  const names = all ? [] : (namesUnder(map, 'include', problems) ?? []);
  const exclude = namesUnder(map, 'exclude', problems) ?? [];
  if (!all && exclude.length > 0) problems.at(line, 'exclude: applies only with include: all (or \'*\'), as dbt requires');
  return { include: all ? 'all' : names, exclude, line };
}
