import { FINANCE, type RuleDefinition } from './rule.js';

const orders = (enforced: boolean) => `version: 2

models:
  - name: orders
    config:
      contract:
        enforced: ${enforced}
    columns:
      - name: id
        data_type: bigint
        data_tests: [not_null, unique]
      - name: amount
        data_type: numeric(12,2)
`;

/** What dbt itself treats as a breaking change to a model's contract, beyond the field rules every asset type shares. */
export const DBT_RULES = [
  {
    id: 'dbt-contract-unenforced',
    title: 'dbt: a model no longer enforces its contract',
    kind: 'change',
    severityPolicy: 'consumers',
    description:
      'The model was built with `config: {contract: {enforced: true}}` and no longer is: dbt stops checking, when it builds the model, that its columns keep the names and `data_type`s its properties declare, and stops creating its constraints (`not_null`, `primary_key`, ...) with the table. dbt\'s own state comparison lists this among the breaking changes to a contract. The declared types still read the same, so no field rule fires for them: this rule is what says they are no longer guaranteed. Constraints that stop applying are reported by the field rules too (a column made nullable, a primary key removed); data tests still run, whatever the contract. The whole model is the guarantee, so the severity comes from all the contract\'s consumers.',
    example: {
      assetType: 'dbt',
      contract: `fields:\n  - name: amount\n    type: decimal\n${FINANCE}\n`,
      before: [orders(true)],
      after: [orders(false)],
      expect: 'blocking',
    },
  },
] as const satisfies readonly RuleDefinition[];
