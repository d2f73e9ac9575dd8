import { afterAll, describe, expect, it } from '@jest/globals';
import type { FileMap } from '../../../src/core/memory-snapshot.js';
import { approximationsOf, compareTypescript, errorOf, fieldLines, lineWith, testTypescriptReader, type TypescriptAsset } from './support.js';

const reader = testTypescriptReader();
afterAll(() => reader.close());

const ANALYTICS = 'src/analytics.ts';
const CHECKOUT = 'src/checkout.ts';
const ORDER_PLACED: TypescriptAsset = { name: 'Order Placed', source: 'src/**', emit: { call: 'analytics.track' } };

/** A Segment-like client: `track(event, properties)`, generic in what it sends. */
const analytics = [
  'export const analytics = {',
  '  track<T extends object>(event: string, properties: T): void {},',
  '};',
  "export const ORDER_PLACED = 'Order Placed';",
  "export enum Events { OrderPlaced = 'Order Placed', OrderShipped = 'Order Shipped' }",
  '',
].join('\n');

function service(...lines: string[]): FileMap {
  return {
    [ANALYTICS]: analytics,
    [CHECKOUT]: [
      "import { analytics, Events, ORDER_PLACED } from './analytics';",
      "export interface Order { id: string; total: number; coupon?: string; status: 'open' | 'paid' }",
      ...lines,
      '',
    ].join('\n'),
  };
}

describe('the calls that emit an event', () => {
  it('are found by callee and event (a literal, a const, an enum member); other events and callees are not', async () => {
    const files = service(
      'export function place(order: Order) {',
      "  analytics.track('Order Placed', { orderId: order.id, total: order.total });",
      "  analytics.track('Order Shipped', { orderId: order.id, carrier: 'ups' });",
      "  other.track('Order Placed', { nothing: true });",
      '}',
      'declare const other: { track(event: string, properties: object): void };',
    );
    const comparison = await compareTypescript(reader, files, files, ORDER_PLACED);
    expect(fieldLines(comparison.head)).toEqual([`orderId string required @${CHECKOUT}:4`, `total number required @${CHECKOUT}:4`]);
    expect(comparison.head).toMatchObject({ schema: { name: 'Order Placed', kind: 'message', origin: { file: CHECKOUT, line: 4 } } });

    const byMethod = await compareTypescript(reader, files, files, { ...ORDER_PLACED, emit: { call: 'track' } });
    expect(fieldLines(byMethod.head)).toEqual([`orderId string optional @${CHECKOUT}:4`, `total number optional @${CHECKOUT}:4`, `nothing boolean optional @${CHECKOUT}:6`]);
  });

  it('take the checker\'s type of the payload at each site: spreads of known objects, helpers that build it, generics instantiated there', async () => {
    const files = service(
      "const context = { source: 'checkout', version: 2 };",
      'function withSentAt<T extends object>(properties: T) {',
      '  return { ...properties, sentAt: new Date() };',
      '}',
      'function orderProperties(order: Order) {',
      '  return {',
      '    ...context,',
      '    orderId: order.id,',
      '    status: order.status,',
      '  };',
      '}',
      'export function place(order: Order) {',
      '  analytics.track(ORDER_PLACED, withSentAt(orderProperties(order)));',
      '}',
    );
    const comparison = await compareTypescript(reader, files, files, ORDER_PLACED);
    expect(fieldLines(comparison.head)).toEqual([
      `orderId string required @${CHECKOUT}:10`,
      `status string required [open,paid] @${CHECKOUT}:11`,
      `source string required @${CHECKOUT}:3`,
      `version number required @${CHECKOUT}:3`,
      `sentAt timestamp required @${CHECKOUT}:5`,
    ]);
  });

  it('merge over several sites: a field is required where every site always sets it, its type what they send together', async () => {
    const files = service(
      'export class Checkout {',
      '  place(order: Order) {',
      '    analytics.track(Events.OrderPlaced, { orderId: order.id, total: order.total, coupon: order.coupon });',
      '  }',
      '  replay(order: Order) {',
      "    analytics.track(ORDER_PLACED, { orderId: order.id, total: String(order.total), replayed: true });",
      '  }',
      '}',
    );
    const comparison = await compareTypescript(reader, files, files, ORDER_PLACED);
    expect(fieldLines(comparison.head)).toEqual([
      `orderId string required @${CHECKOUT}:5`,
      `total union<number,string> required @${CHECKOUT}:5`,
      `coupon string optional @${CHECKOUT}:5`,
      `replayed boolean optional @${CHECKOUT}:8`,
    ]);
  });

  it('point a changed field at the site that changed it, even when lines move above it', async () => {
    const place = "    analytics.track(ORDER_PLACED, { orderId: order.id, total: order.total });";
    const base = service('export class Checkout {', '  place(order: Order) {', place, '  }', '  replay(order: Order) {', place, '  }', '}');
    const head = service(
      '// A comment that moves every line below.',
      'export class Checkout {',
      '  place(order: Order) {',
      place,
      '  }',
      '  replay(order: Order) {',
      "    analytics.track(ORDER_PLACED, { orderId: order.id, total: order.total > 0 ? order.total : undefined });",
      '  }',
      '}',
    );
    const comparison = await compareTypescript(reader, base, head, ORDER_PLACED);
    const replay = lineWith(head[CHECKOUT]!, 'order.total > 0');
    expect(fieldLines(comparison.head)).toEqual([`orderId string required @${CHECKOUT}:6`, `total number optional @${CHECKOUT}:${replay}`]);
  });

  it('report a field no site sends any more at the site that stopped sending it', async () => {
    const base = service('export function place(order: Order) {', '  analytics.track(ORDER_PLACED, {', '    orderId: order.id,', '    total: order.total,', '    status: order.status,', '  });', '}');
    const head = { ...base, [CHECKOUT]: base[CHECKOUT]!.replace('    total: order.total,\n', '') };
    const comparison = await compareTypescript(reader, base, head, ORDER_PLACED);
    expect(comparison.fieldRemovedAt).toEqual({ total: { file: CHECKOUT, line: lineWith(head[CHECKOUT]!, 'status: order.status') } });
    expect(comparison.fieldRenames).toEqual([]);
  });

  it('leave the event absent when no site emits it any more, removed where its first site was', async () => {
    const base = service('export function place(order: Order) {', '  analytics.track(ORDER_PLACED, { orderId: order.id });', '}');
    const head = service('export function place(order: Order) {', "  analytics.track('Order Submitted', { orderId: order.id });", '}');
    const comparison = await compareTypescript(reader, base, head, ORDER_PLACED);
    expect(comparison.head).toEqual({ status: 'absent' });
    expect(comparison.removedAt).toEqual({ file: CHECKOUT, line: 4 });
  });

  it('read the payload at another argument, or at the first when the callee alone names the event', async () => {
    const files = service(
      'declare function emit(topic: string, key: string, payload: object): void;',
      'declare function trackOrderPlaced(payload: object): void;',
      'export function place(order: Order) {',
      "  emit('Order Placed', order.id, { orderId: order.id });",
      '  trackOrderPlaced({ orderId: order.id, total: order.total });',
      '}',
    );
    const atTwo = await compareTypescript(reader, files, files, { ...ORDER_PLACED, emit: { call: 'emit', argument: 2 } });
    expect(fieldLines(atTwo.head)).toEqual([`orderId string required @${CHECKOUT}:6`]);
    const byCallee = await compareTypescript(reader, files, files, { name: 'Order Placed', source: 'src/**', emit: { call: 'trackOrderPlaced', argument: 0 } });
    expect(fieldLines(byCallee.head)).toEqual([`orderId string required @${CHECKOUT}:7`, `total number required @${CHECKOUT}:7`]);
  });
});

describe('what the analysis cannot see at a site', () => {
  it('is an approximation at its line: an event name that is no constant, computed keys, spreads of unknown or open objects', async () => {
    const files = service(
      'export function place(order: Order, name: string, key: string, extra: any, labels: Record<string, string>) {',
      '  analytics.track(name, { orderId: order.id });',
      '  analytics.track(ORDER_PLACED, { orderId: order.id, [key]: 1 });',
      '  analytics.track(ORDER_PLACED, { orderId: order.id, ...labels });',
      '  analytics.track(ORDER_PLACED, { ...extra, orderId: order.id });',
      '}',
    );
    const comparison = await compareTypescript(reader, files, files, ORDER_PLACED);
    expect(fieldLines(comparison.head)).toEqual([`orderId string required @${CHECKOUT}:5`]);
    expect(approximationsOf(comparison.head)).toEqual([
      `${CHECKOUT}:4 This call's event (name) is not a constant: if it can be Order Placed, what it sends is not read.`,
      `${CHECKOUT}:5 The computed key [key] adds properties to The payload that the analysis cannot name: they are not read.`,
      `${CHECKOUT}:6 The payload spreads labels, which takes any key: only its named properties are read.`,
      `${CHECKOUT}:7 The payload: it spreads extra, whose type is not known, so it is read as unknown, and what it carries is not compared.`,
    ]);
  });

  it('is an error when no site sends a payload whose type is known', async () => {
    const files = service('export function place(order: any) {', '  analytics.track(ORDER_PLACED, order);', '}');
    const comparison = await compareTypescript(reader, files, files, ORDER_PLACED);
    expect(errorOf(comparison.head)).toBe(
      `failed ${CHECKOUT}:4 no call that emits Order Placed sends a payload whose type is known. ${CHECKOUT}:4: The payload: it is typed any, so it is read as unknown, and what it carries is not compared.`,
    );
  });
});
