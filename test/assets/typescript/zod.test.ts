import { afterAll, describe, expect, it } from '@jest/globals';
import { approximationsOf, compareTypescript, errorOf, fieldLines, testTypescriptReader } from './support.js';

const reader = testTypescriptReader();
afterAll(() => reader.close());

const FILE = 'src/schemas/order.ts';
const read = async (lines: string[], name = 'OrderSchema', extra: Record<string, string> = {}) => {
  const files = { [FILE]: lines.join('\n'), ...extra };
  return (await compareTypescript(reader, files, files, { name, source: 'src/schemas/**' })).head;
};

describe('a zod schema, read from its calls without zod installed', () => {
  it('gives scalars, enums, literals, nested objects and arrays, with optional, nullable, nullish and default', async () => {
    const state = await read([
      "import { z } from 'zod';",
      'export const OrderSchema = z.object({',
      '  id: z.string().uuid(),',
      '  quantity: z.number().int().positive(),',
      '  total: z.number(),',
      '  big: z.bigint(),',
      '  gift: z.boolean().default(false),',
      "  status: z.enum(['pending', 'paid']),",
      "  kind: z.literal('order'),",
      '  placedAt: z.coerce.date(),',
      '  note: z.string().optional(),',
      '  cancelledAt: z.date().nullable(),',
      '  coupon: z.string().nullish(),',
      '  customer: z.object({ email: z.string().email(), phone: z.string().optional() }),',
      '  lines: z.array(z.object({ sku: z.string() })).min(1),',
      '  tags: z.string().array(),',
      '});',
    ]);
    expect(fieldLines(state)).toEqual([
      `id string required @${FILE}:3`,
      `quantity integer required @${FILE}:4`,
      `total number required @${FILE}:5`,
      `big bigint required @${FILE}:6`,
      `gift boolean required =false @${FILE}:7`,
      `status string required [pending,paid] @${FILE}:8`,
      `kind string required [order] @${FILE}:9`,
      `placedAt timestamp required @${FILE}:10`,
      `note string optional @${FILE}:11`,
      `cancelledAt timestamp optional @${FILE}:12`,
      `coupon string optional @${FILE}:13`,
      `customer object required @${FILE}:14`,
      `customer.email string required @${FILE}:14`,
      `customer.phone string optional @${FILE}:14`,
      `lines array<object> required @${FILE}:15`,
      `lines.sku string required @${FILE}:15`,
      `tags array<string> required @${FILE}:16`,
    ]);
    expect(approximationsOf(state)).toEqual([]);
  });

  it('follows .extend, .merge, .pick, .omit and .partial of schemas of the program, across files', async () => {
    const state = await read(
      [
        "import * as z from 'zod';",
        "import { AuditSchema } from './audit';",
        'const BaseSchema = z.object({',
        '  id: z.string(),',
        '  secret: z.string(),',
        '  total: z.number(),',
        '});',
        'export const OrderSchema = BaseSchema.omit({ secret: true })',
        '  .extend({ status: z.enum(["open", "closed"]) })',
        '  .merge(AuditSchema.pick({ createdBy: true }))',
        '  .partial({ total: true });',
      ],
      'OrderSchema',
      { 'src/schemas/audit.ts': "import { z } from 'zod';\nexport const AuditSchema = z.object({\n  createdBy: z.string(),\n  createdAt: z.date(),\n});\n" },
    );
    expect(fieldLines(state)).toEqual([
      `id string required @${FILE}:4`,
      `total number optional @${FILE}:6`,
      `status string required [open,closed] @${FILE}:9`,
      'createdBy string required @src/schemas/audit.ts:3',
    ]);
  });

  it('reads unions, discriminated unions and z.nativeEnum of a TypeScript enum', async () => {
    const state = await read([
      "import { z } from 'zod';",
      "enum Channel { Web = 'web', App = 'app' }",
      'export const OrderSchema = z.object({',
      '  channel: z.nativeEnum(Channel),',
      '  reference: z.union([z.string(), z.number()]),',
      "  size: z.union([z.literal('s'), z.literal('m'), z.null()]),",
      '  payment: z.discriminatedUnion("method", [',
      '    z.object({ method: z.literal("card"), last4: z.string() }),',
      '    z.object({ method: z.literal("cash") }),',
      '  ]),',
      '});',
    ]);
    expect(fieldLines(state)).toEqual([
      `channel string required [web,app] @${FILE}:4`,
      `reference union<number,string> required @${FILE}:5`,
      `size string optional [s,m] @${FILE}:6`,
      `payment object required @${FILE}:7`,
      `payment.method string required [card,cash] @${FILE}:8`,
      `payment.last4 string optional @${FILE}:8`,
    ]);
  });

  it('reads the schema a z.infer type alias names, when the contract names the type', async () => {
    const state = await read(["import { z } from 'zod';", 'const OrderSchema = z.object({ id: z.string() });', 'export type Order = z.infer<typeof OrderSchema>;'], 'Order');
    expect(fieldLines(state)).toEqual([`id string required @${FILE}:2`]);
    expect(state).toMatchObject({ schema: { origin: { file: FILE, line: 2 } } });
  });

  it('names what it does not read at its line, as unknown: transforms, z.any, unknown calls, passthrough, records', async () => {
    const state = await read([
      "import { z } from 'zod';",
      "import { money } from '@acme/zod-money';",
      'export const OrderSchema = z.object({',
      '  total: z.string().transform(Number),',
      '  meta: z.any(),',
      '  price: money(),',
      '  custom: z.custom<string>(),',
      '  labels: z.record(z.string(), z.string()),',
      '}).passthrough();',
    ]);
    expect(fieldLines(state)).toEqual([
      `total string required @${FILE}:4`,
      `meta unknown required @${FILE}:5`,
      `price unknown required @${FILE}:6`,
      `custom unknown required @${FILE}:7`,
      `labels object required @${FILE}:8`,
    ]);
    expect(approximationsOf(state)).toEqual([
      `${FILE}:4 "total" is transformed (.transform): what consumers receive is not read, only what the schema accepts.`,
      `${FILE}:5 "meta": z.any() accepts any value, so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:6 "price": money(...) is no zod schema this reader reads (it comes from @acme/zod-money, a package the repository does not hold), so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:7 "custom": zod's custom() is not read by this reader, so it is read as unknown, and what it carries is not compared.`,
      `${FILE}:8 "labels" takes any key (z.record): its entries are not read as fields.`,
      `${FILE}:3 OrderSchema lets any other key through (passthrough): only its named properties are read.`,
    ]);
  });

  it('refuses a constant that is no zod schema', async () => {
    expect(errorOf(await read(['export const OrderSchema = { id: 1 };']))).toBe(
      `failed ${FILE}:1 OrderSchema is a constant, but no zod schema this reader reads: a contract on TypeScript names one of those`,
    );
  });
});
