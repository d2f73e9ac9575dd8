import { dbtReader } from '../assets/dbt/reader.js';
import { mysqlReader } from '../assets/mysql/reader.js';
import { PrismaSchemaEngine, type PrismaEngineOptions } from '../assets/prisma/engine.js';
import { prismaReader } from '../assets/prisma/reader.js';
import { typescriptReader, type TypescriptReaderOptions } from '../assets/typescript/reader.js';
import { sqliteReader } from '../assets/sqlite/reader.js';
import { SqliteReplayer, type SqliteReplayerOptions } from '../assets/sqlite/replayer.js';
import { eventSchemaExtractor } from '../assets/event-formats.js';
import { eventsReader } from '../assets/event-reader.js';
import { PostgresExtractor } from '../assets/postgres/extractor.js';
import { postgresReader } from '../assets/postgres/reader.js';
import { Replayer, type ReplayerOptions } from '../assets/postgres/replayer.js';
import type { Review } from '../core/review.js';
import type { ChangeSet } from '../core/snapshot.js';
import type { SchemaRegistry } from '../registry/port.js';
import { type Extractors, typesOf } from './extraction.js';
import { reviewChange } from './run.js';
import { listAssets, readAsset, type Survey, surveyCommit } from './survey.js';
import type { AssetState, TypeSystem } from '../assets/model.js';
import type { AssetListing } from '../assets/reader.js';
import type { AssetType, Contract } from '../contracts/schema.js';
import type { RepoSnapshot } from '../core/snapshot.js';

export interface EngineOptions {
  /** The schema registry the registry checks ask; without one they say it is not configured. */
  registry?: SchemaRegistry;
  /** The embedded Postgres: one to share (tests keep one per file), or how to build a new one. */
  replayer?: Replayer | ReplayerOptions;
  /** A MySQL 8 or MariaDB server MySQL migrations are replayed in; without one their DDL is folded by a parser. */
  mysqlUrl?: string;
  /** SQLite's replay (SQLite in WebAssembly, in a worker thread): one to share, or how to build one. */
  sqliteReplayer?: SqliteReplayer | SqliteReplayerOptions;
  /** Prisma's schema engine (in a worker thread): one to share, or how to build one. */
  prisma?: PrismaSchemaEngine | PrismaEngineOptions;
  /** The TypeScript analysis (the compiler in a worker thread). */
  typescript?: TypescriptReaderOptions;
}

/** Every asset reader, warm between reviews: the CLI builds one per run, the app one per process. */
export interface Engine {
  readonly extractors: Extractors;
  readonly replayer: Replayer;
  review(change: ChangeSet): Promise<Review>;
  /** Every contract of a commit beside the asset it names at that commit (the catalogue). */
  survey(snapshot: RepoSnapshot): Promise<Survey>;
  /** The asset an `asset` section names at a commit, before any contract names it (`dcr init`). */
  readAsset(snapshot: RepoSnapshot, asset: Contract['asset']): Promise<AssetState>;
  /** Every asset of a type the matching files define at a commit; undefined where the type has no list. */
  listAssets(snapshot: RepoSnapshot, type: AssetType, source: readonly string[]): Promise<AssetListing | undefined>;
  /** How an asset type spells and compares its types. */
  typesOf(type: AssetType): TypeSystem;
  /** Starts the embedded Postgres ahead of the first review that needs it. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** The one place the asset readers are put together, for the CLI, the app, the tools and the tests. */
export function createEngine(options: EngineOptions = {}): Engine {
  const replayer = options.replayer instanceof Replayer ? options.replayer : new Replayer(options.replayer);
  const extractors: Extractors = [
    postgresReader(new PostgresExtractor(replayer)),
    eventsReader(eventSchemaExtractor(options.registry)),
    mysqlReader(options.mysqlUrl ? { serverUrl: options.mysqlUrl } : {}),
    sqliteReader(options.sqliteReplayer instanceof SqliteReplayer ? options.sqliteReplayer : new SqliteReplayer(options.sqliteReplayer)),
    prismaReader(options.prisma instanceof PrismaSchemaEngine ? options.prisma : new PrismaSchemaEngine(options.prisma)),
    dbtReader(),
    typescriptReader(options.typescript),
  ];
  return {
    extractors,
    replayer,
    review: (change) => reviewChange(change, extractors),
    survey: (snapshot) => surveyCommit(snapshot, extractors),
    readAsset: (snapshot, asset) => readAsset(snapshot, asset, extractors),
    listAssets: (snapshot, type, source) => listAssets(snapshot, type, source, extractors),
    typesOf: (type) => typesOf(type, extractors),
    warmUp: () => replayer.warmUp(),
    close: async () => {
      await replayer.close();
      await Promise.all(extractors.map((reader) => reader.close?.()));
    },
  };
}
