import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AssetComparison, AssetListing, AssetSchema, AssetState, ExtractionError } from '../model.js';
import type { AssetReader, AssetRequest, AssetResult } from '../reader.js';
import { type CommitModels, type PropertiesReader, readCommit } from './commit.js';
import { compareModel } from './comparison.js';
import { parseModelName } from './names.js';
import { type PropertiesFile, readProperties } from './properties.js';
import { dbtTypes } from './types.js';
import { parseYamlTree } from './yaml-tree.js';

/**
 * dbt models, built from their YAML properties files (`models:` entries) and the list of their model files. A
 * server reads the same properties files in review after review: each is parsed once per content.
 */
export function dbtReader(): AssetReader {
  const parsed = new LRUCache<string, PropertiesFile>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (_, key) => Number(key.split(':')[0]) || 1 });
  const readFile: PropertiesReader = (path, text) => {
    const key = `${text.length}:${createHash('sha256').update(path).update('\u0000').update(text).digest('hex')}`;
    const known = parsed.get(key);
    if (known) return known;
    const tree = parseYamlTree(path, text);
    const file = tree.ok ? readProperties(path, tree.tree) : { models: [], errors: [tree.error] };
    parsed.set(key, file);
    return file;
  };
  return {
    assetTypes: ['dbt'],
    typesOf: () => dbtTypes,
    async compare(requests, change, settings) {
      const results = new Map<string, AssetResult>();
      for (const group of bySource(requests)) {
        const source = group[0]!.asset.source;
        const commitOf = (commit: 'base' | 'head'): Promise<CommitModels> => readCommit(change[commit], source, settings.dbt.maxBytes, readFile);
        // A repository that cannot be read stops the whole review (it is re-run), so its errors are not caught here.
        const [base, head] = await Promise.all([commitOf('base'), commitOf('head')]);
        for (const request of group) results.set(request.key, { comparison: compareRequest(request, base, head) });
      }
      return results;
    },
    /**
     * Every model with an entry under `models:` in the properties files, by its name (a versioned model once: its
     * name reads its latest version), as a contract naming it reads it. Left out: a model switched off
     * (`enabled: false`) or whose model file is gone, which a contract would find absent, and model files without
     * an entry, which declare no column. A file that is not valid YAML, an entry or a part of one that cannot be read,
     * and a model dbt refuses (a duplicate entry, two files for one model) are errors; the rest is still listed.
     */
    async list(_type, source, snapshot, settings) {
      const models = await readCommit(snapshot, [...source], settings.dbt.maxBytes, readFile);
      if (models.failure) return { assets: [], errors: [models.failure] };
      return listModels(models);
    },
  };
}

function listModels(models: CommitModels): AssetListing {
  const assets: AssetSchema[] = [];
  const errors = new Map<string, ExtractionError>();
  const report = (error: ExtractionError): void => void errors.set(JSON.stringify(error), error);
  models.errors.forEach(report);
  for (const name of [...models.entries.keys()].sort()) {
    const { head } = compareModel({ model: name }, models, models);
    if (head.status === 'present') {
      assets.push({ ...head.schema, name });
      head.skipped?.forEach(report);
    } else if (head.status === 'error') {
      report(head.error);
    }
  }
  return { assets, errors: [...errors.values()] };
}

function bySource(requests: AssetRequest[]): AssetRequest[][] {
  const groups = new Map<string, AssetRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.asset.source].flat().sort());
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}

function compareRequest(request: AssetRequest, base: CommitModels, head: CommitModels): AssetComparison {
  const name = parseModelName(request.asset.name);
  if (name.ok) return compareModel(name.name, base, head);
  const state: AssetState = {
    status: 'error',
    error: { kind: 'failed', file: request.nameLocation.file, line: request.nameLocation.line ?? 1, message: name.message },
  };
  return { base: state, head: state, fieldRenames: [], fieldRemovedAt: {} };
}
