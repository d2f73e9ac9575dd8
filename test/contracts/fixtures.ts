/** Joins lines into a file, so that a test reads with the line numbers it asserts. */
export function yamlLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The contract the README shows: every part of the format, as a user writes it. */
export const FULL_CONTRACT = yamlLines(
  '# contracts/orders.yaml',
  'id: orders                        # unique in the repository',
  'name: Orders                      # optional, for people',
  'version: 1.2.0                    # optional',
  'status: active                    # draft | active | deprecated; a draft never blocks',
  'owner: "@acme/checkout"           # producing team or user',
  'asset:',
  '  type: postgres                  # see asset types above',
  '  name: public.orders             # table, record or message full name, model name',
  '  source: db/migrations/**/*.sql  # one glob or a list: the files that define the asset',
  'fields:',
  '  - name: id',
  "    type: bigint                  # a portable type or the asset's own spelling (see below)",
  '    required: true                # consumers rely on it never being null or absent',
  '    primaryKey: true',
  '  - name: status',
  '    type: text',
  '    required: true',
  '    enum: [pending, paid, shipped, cancelled]',
  '  - name: amount',
  '    type: numeric(12,2)',
  'consumers:',
  '  - name: Finance dashboards',
  '    contact: "@acme/analytics"    # GitHub user or team to mention',
  '    channel: "#finance-data"      # optional: where else to reach them',
  '    enforcement: blocking         # blocking | advisory',
  '    uses: [id, status, amount]    # optional: the fields it relies on (default: all)',
  '  - name: Churn model',
  '    contact: "@jane"',
  '    enforcement: advisory',
  '    uses: [status]',
);

/** The smallest valid contract, with its asset's source given as YAML text. */
export function minimalContract(id: string, source = 'db/migrations/**/*.sql'): string {
  return yamlLines(
    `id: ${id}`,
    'asset:',
    '  type: postgres',
    `  name: public.${id}`,
    `  source: ${source}`,
    'consumers:',
    '  - name: Finance',
    '    contact: "@acme/analytics"',
    '    enforcement: blocking',
  );
}
