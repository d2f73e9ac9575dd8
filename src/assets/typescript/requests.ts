import type { AssetRequest } from '../reader.js';
import type { ReadRequest } from './protocol.js';

/** `asset.emit`: the calls that emit the event the contract names. */
export interface EmitOption {
  /** A method name on any receiver (`track`), or a qualified name (`analytics.track`) the callee must end with. */
  call: string;
  /** The event argument's value; `asset.name` by default. */
  event?: string;
  /** The payload's position (1 by default, the event at 0); 0 for calls that name the event by their callee alone. */
  argument?: number;
}

/** The furthest argument a payload is looked for at: real tracking calls pass it first or second. */
export const MAX_ARGUMENT = 16;
const CALLEE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** What the contract asks the code for: its declared shape, or what the calls that emit its event send. */
export function readRequestOf(asset: AssetRequest['asset']): { ok: true; read: ReadRequest } | { ok: false; message: string } {
  const { emit } = asset as { emit?: EmitOption };
  if (emit === undefined) return { ok: true, read: { kind: 'declared', name: asset.name } };
  if (typeof emit.call !== 'string' || !CALLEE.test(emit.call)) {
    return { ok: false, message: `asset.emit.call must be a function or method name, or a dotted name such as analytics.track (not ${JSON.stringify(emit.call)})` };
  }
  if (emit.event !== undefined && typeof emit.event !== 'string') return { ok: false, message: `asset.emit.event must be a string (not ${JSON.stringify(emit.event)})` };
  const argument = emit.argument ?? 1;
  if (!Number.isInteger(argument) || argument < 0 || argument > MAX_ARGUMENT) {
    return { ok: false, message: `asset.emit.argument must be a whole number from 0 to ${MAX_ARGUMENT} (not ${JSON.stringify(emit.argument)})` };
  }
  return { ok: true, read: { kind: 'emitted', call: emit.call, event: emit.event ?? asset.name, argument } };
}
