import { createRequire } from 'node:module';
import protobuf from 'protobufjs';
import { FEATURE_FILES } from './feature-files.js';
import { parseInto } from './parse.js';

const require = createRequire(import.meta.url);

/**
 * descriptor.proto is the one google/protobuf file beyond protobufjs's `common` set that data schemas import (to
 * declare custom options); protobufjs ships it as JSON. The others it ships (api, type, source_context) overlap
 * each other's definitions and describe services, so they are not offered.
 */
const SHIPPED_AS_JSON: Record<string, string> = {
  'google/protobuf/descriptor.proto': 'protobufjs/google/protobuf/descriptor.json',
};

const parsedFeatureFiles = new Map<string, protobuf.INamespace>();

function featureFile(importPath: string): protobuf.INamespace | undefined {
  const source = FEATURE_FILES[importPath];
  if (source === undefined) return undefined;
  const cached = parsedFeatureFiles.get(importPath);
  if (cached) return cached;
  const definition = parseInto(source, new protobuf.Root()).toJSON();
  parsedFeatureFiles.set(importPath, definition);
  return definition;
}

/**
 * The definitions a google/protobuf import stands for, which no repository holds: protobufjs's bundled ones
 * (Timestamp, the wrappers, Struct, ...), descriptor.proto, and the editions feature files.
 */
export function bundledDefinition(importPath: string): protobuf.INamespace | undefined {
  const common = protobuf.common.get(importPath);
  if (common) return common;
  const shipped = SHIPPED_AS_JSON[importPath];
  return shipped ? (require(shipped) as protobuf.INamespace) : featureFile(importPath);
}
