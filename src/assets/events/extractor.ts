import type { CompatibilityMode } from '../../contracts/schema.js';
import { sourceMatcher } from '../../contracts/select.js';
import type { SchemaRegistry, RegistryVerdict } from '../../registry/port.js';
import type { ChangeSet, RepoSnapshot } from '../../review/ports.js';
import type { AssetComparison, AssetState, TypeSystem } from '../model.js';
import { readSourceFiles } from '../source-files.js';
import { checkCompatibility, type CompatibilityOutcome, type EarlierVersion, modePlan } from './compatibility.js';
import type { CompatibilityOptions, SchemaFormat, SchemaFormatType, SchemaRead } from './format.js';
import { removedFieldLocations } from './removals.js';

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

export interface RegistryOutcome {
  subject: string;
  verdict: RegistryVerdict;
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

const NO_REGISTRY: RegistryVerdict = {
  status: 'unavailable',
  reason: 'no schema registry is configured where the review runs (DCR_SCHEMA_REGISTRY_URL)',
};

/**
 * Builds the base and head state of event-schema assets (Avro records, Protobuf messages, JSON Schemas) from the
 * files their contracts' sources match, and checks the compatibility the contract asks for: against the base, and
 * for transitive modes against every earlier version the history shows.
 */
export class EventSchemaExtractor {
  constructor(
    private readonly formats: SchemaFormats,
    private readonly registry?: SchemaRegistry,
  ) {}

  typesOf(type: SchemaFormatType): TypeSystem {
    return this.formats[type].types;
  }

  async compare(assets: EventAssetRequest[], change: ChangeSet, limits: EventSchemaLimits): Promise<Map<string, EventAssetResult>> {
    const entries = await Promise.all(assets.map(async (asset) => [asset.key, await this.compareOne(asset, change, limits)] as const));
    return new Map(entries);
  }

  private async compareOne(asset: EventAssetRequest, change: ChangeSet, limits: EventSchemaLimits): Promise<EventAssetResult> {
    const format = this.formats[asset.type];
    const [base, head] = await Promise.all([
      this.readAt(format, asset, change.base, limits),
      this.readAt(format, asset, change.head, limits),
    ]);
    const comparison: AssetComparison = { base: stateOf(base), head: stateOf(head), fieldRenames: [], fieldRemovedAt: {} };
    if (base.status !== 'present' || head.status !== 'present') return { comparison };
    comparison.fieldRenames = format.fieldRenames(base.parsed, head.parsed);
    comparison.fieldRemovedAt = removedFieldLocations(base.schema, head.schema, comparison.fieldRenames);

    const [compatibility, registry] = await Promise.all([
      this.checkMode(format, asset, change, limits, { rev: change.base.rev, parsed: base.parsed }, head.parsed),
      asset.registrySubject ? this.askRegistry(format, asset.registrySubject, head.parsed) : undefined,
    ]);
    return { comparison, ...(compatibility ? { compatibility } : {}), ...(registry ? { registry } : {}) };
  }

  private async checkMode(
    format: SchemaFormat<unknown>,
    asset: EventAssetRequest,
    change: ChangeSet,
    limits: EventSchemaLimits,
    base: EarlierVersion<unknown>,
    head: unknown,
  ): Promise<CompatibilityOutcome | undefined> {
    const mode = asset.compatibility;
    if (!mode || mode === 'NONE') return undefined;
    const history = modePlan(mode).transitive ? await this.earlierVersions(format, asset, change, limits) : { versions: [] };
    const problems = checkCompatibility(format, mode, asset.options, base, head, history.versions);
    return {
      mode,
      problems,
      versionsChecked: 1 + history.versions.length,
      ...(history.incomplete ? { historyIncomplete: history.incomplete } : {}),
    };
  }

  /** The asset's distinct earlier versions before the base, newest first; unreadable ones are skipped and said so. */
  private async earlierVersions(
    format: SchemaFormat<unknown>,
    asset: EventAssetRequest,
    change: ChangeSet,
    limits: EventSchemaLimits,
  ): Promise<{ versions: EarlierVersion<unknown>[]; incomplete?: string }> {
    if (!change.history) return { versions: [], incomplete: 'the history of the base commit is not available here' };
    let listed: Awaited<ReturnType<NonNullable<ChangeSet['history']>['earlierVersions']>>;
    try {
      listed = await change.history.earlierVersions([asset.source].flat(), limits.historyDepth);
    } catch (error) {
      return { versions: [], incomplete: `the history could not be read (${error instanceof Error ? error.message : String(error)})` };
    }
    const reads = await Promise.all(listed.snapshots.map((snapshot) => this.readAt(format, asset, snapshot, limits)));
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

  private async askRegistry(format: SchemaFormat<unknown>, subject: string, head: unknown): Promise<RegistryOutcome> {
    if (!this.registry) return { subject, verdict: NO_REGISTRY };
    return { subject, verdict: await this.registry.checkCompatibility(subject, format.registrySchema(head)) };
  }

  private async readAt(
    format: SchemaFormat<unknown>,
    asset: EventAssetRequest,
    snapshot: RepoSnapshot,
    limits: EventSchemaLimits,
  ): Promise<SchemaRead<unknown>> {
    const matches = sourceMatcher(asset.source);
    const paths = (await snapshot.listFiles()).filter((path) => matches(path)).sort();
    const read = await readSourceFiles(snapshot, paths, limits.maxBytes, 'schemas.maxBytes');
    if (!read.ok) return { status: 'error', error: read.error };
    return format.read(read.files, asset.name);
  }
}

function stateOf(read: SchemaRead<unknown>): AssetState {
  return read.status === 'present' ? { status: 'present', schema: read.schema } : read;
}
