import { describe, expect, it } from '@jest/globals';
import { coveringPrefixes, globPrefix } from '../../src/core/glob-prefix.js';

describe('globPrefix', () => {
  it.each([
    ['schemas/**/*.avsc', 'schemas'],
    ['schemas/orders/v*.avsc', 'schemas/orders'],
    ['schemas/{orders,payments}/*.avsc', 'schemas'],
    ['schemas/orders.avsc', 'schemas/orders.avsc'],
    ['./schemas/*.proto', 'schemas'],
    ['schemas/a\\*b/x.avsc', 'schemas'],
    ['**/*.avsc', ''],
    ['*.avsc', ''],
    ['!schemas/legacy.avsc', ''],
  ])('of %s is "%s"', (glob, prefix) => {
    expect(globPrefix(glob)).toBe(prefix);
  });
});

describe('coveringPrefixes', () => {
  it('leaves out a prefix inside another, and everything when one glob may match anywhere', () => {
    expect(coveringPrefixes(['schemas/orders/*.avsc', 'schemas/**', 'events/*.json', 'eventsource/x.json'])).toEqual([
      'events',
      'eventsource/x.json',
      'schemas',
    ]);
    expect(coveringPrefixes(['schemas/**', '**/*.proto'])).toEqual(['']);
  });
});
