import type { CompatibilityMode } from '../../contracts/schema.js';
import type { SchemaRegistry } from '../../registry/port.js';
import type { ChangeSet, RepoSnapshot } from '../../core/snapshot.js';
import type { AssetComparison, AssetListing, ExtractionError, TypeSystem } from '../model.js';
import { checkCompatibility, type CompatibilityOutcome, type EarlierVersion, modePlan } from './compatibility.js';
import type { CompatibilityOptions, SchemaFormat, SchemaFormatType, SchemaRead } from './format.js';
import { checkRegistry, type RegistryOutcome } from './registry-check.js';
import { removedFieldLocations } from './removals.js';
import { listSchemasAt, readAsFarAsPossible, readSchemaAt, type SchemaReadRequest, stateOf } from './schema-reads.js';

export type { RegistryOutcome } from './registry-check.js';

export interface EventAssetRequest {
  /** The caller's key for the result (a contract id). */
  key: string;
  type: SchemaFormatType;
  name: string;
  source: string | string[];
  compatibility?: CompatibilityMode;
  options: CompatibilityOptions;
  registrySubject?: string;
}

export interface EventAssetResult {
  comparison: AssetComparison;
  compatibility?: CompatibilityOutcome;
  registry?: RegistryOutcome;
}

export interface EventSchemaLimits {
  maxBytes: number;
  historyDepth: number;
}

export type SchemaFormats = { [Type in SchemaFormatType]: SchemaFormat<unknown> };

/**
 * Builds the base and head state of event-schema assets (Avro records, Protobuf messages, JSON Schemas) from the
 * files their contracts' sources match, and checks the compatibility the contract asks for: against the base, and
 * for transitive modes against every earlier version the history shows. The base is read as far as its files
 * allow, so a broken base never skips a check; one that cannot be read at all makes the check say so.
 */
export class EventSchemaExtractor {
  constructor(
    private readonly formats: SchemaFormats,
    private readonly registry?: SchemaRegistry,
  ) {}

  typesOf(type: SchemaFormatType): TypeSystem {
    return this.formats[type].types;
  }

  /** Every asset of one format the files matching `source` define at one commit (see each format's `list`). */
  list(type: SchemaFormatType, source: string | string[], snapshot: RepoSnapshot, limits: EventSchemaLimits): Promise<AssetListing> {
    return listSchemasAt(this.formats[type], source, limits.maxBytes, snapshot);
  }

  async compare(assets: EventAssetRequest[], change: ChangeSet, limits: EventSchemaLimits): Promise<Map<string, EventAssetResult>> {
    const entries = await Promise.all(assets.map(async (asset) => [asset.key, await this.compareOne(asset, change, limits)] as const));
    return new Map(entries);
  }

  private async compareOne(asset: EventAssetRequest, change: ChangeSet, limits: EventSchemaLimits): Promise<EventAssetResult> {
    const request: SchemaReadRequest = { format: this.formats[asset.type], name: asset.name, source: asset.source, maxBytes: limits.maxBytes };
    const [base, head] = await Promise.all([readAsFarAsPossible(request, change.base), readSchemaAt(request, change.head)]);
    const comparison: AssetComparison = { base: stateOf(base.read, base.skipped), head: stateOf(head), fieldRenames: [], fieldRemovedAt: {} };
    if (head.status !== 'present') return { comparison };
    const baseParsed = base.read.status === 'present' ? base.read.parsed : undefined;
    if (base.read.status === 'present') {
      comparison.fieldRenames = request.format.fieldRenames(base.read.parsed, head.parsed);
      comparison.fieldRemovedAt = removedFieldLocations(base.read.schema, head.schema, comparison.fieldRenames);
    }
    const [compatibility, registry] = await Promise.all([
      this.checkMode(request, asset, change, limits, base.read, head.parsed),
      asset.registrySubject
        ? checkRegistry(this.registry, request.format, asset.registrySubject, { head: head.parsed, base: baseParsed })
        : undefined,
    ]);
    return { comparison, ...(compatibility ? { compatibility } : {}), ...(registry ? { registry } : {}) };
  }

  /** The contract's mode checked against the base (and the history); none when the change creates the schema. */
  private async checkMode(
    request: SchemaReadRequest,
    asset: EventAssetRequest,
    change: ChangeSet,
    limits: EventSchemaLimits,
    base: SchemaRead<unknown>,
    head: unknown,
  ): Promise<CompatibilityOutcome | undefined> {
    const mode = asset.compatibility;
    if (!mode || mode === 'NONE' || base.status === 'absent') return undefined;
    if (base.status === 'error') return uncheckable(mode, base.error);
    const history = modePlan(mode).transitive ? await this.earlierVersions(request, change, limits) : { versions: [] };
    const problems = checkCompatibility(request.format, mode, asset.options, { rev: change.base.rev, parsed: base.parsed }, head, history.versions);
    return {
      mode,
      problems,
      versionsChecked: 1 + history.versions.length,
      ...(history.incomplete ? { historyIncomplete: history.incomplete } : {}),
    };
  }

  /** The asset's distinct earlier versions before the base, newest first; unreadable ones are skipped and said so. */
  private async earlierVersions(
    request: SchemaReadRequest,
    change: ChangeSet,
    limits: EventSchemaLimits,
  ): Promise<{ versions: EarlierVersion<unknown>[]; incomplete?: string }> {
    if (!change.history) return { versions: [], incomplete: 'the history of the base commit is not available here' };
    let listed: Awaited<ReturnType<NonNullable<ChangeSet['history']>['earlierVersions']>>;
    try {
      listed = await change.history.earlierVersions([request.source].flat(), limits.historyDepth);
    } catch (error) {
      return { versions: [], incomplete: `the history could not be read (${error instanceof Error ? error.message : String(error)})` };
    }
    const reads = await Promise.all(listed.snapshots.map((snapshot) => readSchemaAt(request, snapshot)));
    const versions = reads.flatMap((read, index) =>
      read.status === 'present' ? [{ rev: listed.snapshots[index]!.rev, parsed: read.parsed }] : [],
    );
    const unreadable = reads.filter((read) => read.status === 'error').length;
    const reasons = [
      ...(listed.complete ? [] : [`only the latest ${listed.snapshots.length} earlier commits were checked (schemas.historyDepth or a shallow history)`]),
      ...(unreadable > 0 ? [`${unreadable} earlier version${unreadable === 1 ? '' : 's'} could not be read`] : []),
    ];
    return { versions, ...(reasons.length > 0 ? { incomplete: reasons.join('; ') } : {}) };
  }
}

/** A mode the head cannot be checked in: no base to check it against, which the review reports as an error. */
function uncheckable(mode: CompatibilityOutcome['mode'], error: ExtractionError): CompatibilityOutcome {
  const where = error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return { mode, problems: [], versionsChecked: 0, unchecked: `the base version of the schema cannot be read (${where}: ${error.message})` };
}
