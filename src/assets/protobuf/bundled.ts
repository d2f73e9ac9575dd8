import { createRequire } from 'node:module';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);

/**
 * descriptor.proto is the one google/protobuf file beyond protobufjs's `common` set that data schemas import (to
 * declare custom options); protobufjs ships it as JSON. The others it ships (api, type, source_context) overlap
 * each other's definitions and describe services, so they are not offered.
 */
const SHIPPED_AS_JSON: Record<string, string> = {
  'google/protobuf/descriptor.proto': 'protobufjs/google/protobuf/descriptor.json',
};

/** The definitions protobufjs bundles for a google/protobuf import (Timestamp, the wrappers, Struct, ...). */
export function bundledDefinition(importPath: string): protobuf.INamespace | undefined {
  const common = protobuf.common.get(importPath);
  if (common) return common;
  const shipped = SHIPPED_AS_JSON[importPath];
  return shipped ? (require(shipped) as protobuf.INamespace) : undefined;
}
