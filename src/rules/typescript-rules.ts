import { FINANCE, type RuleDefinition } from './rule.js';

/** What reading code by static analysis adds to the rules every asset type shares. */
export const TYPESCRIPT_RULES = [
  {
    id: 'code-type-unknown',
    title: 'Part of a TypeScript asset could not be read, and is not checked',
    kind: 'error',
    severityPolicy: 'info',
    description:
      'TypeScript code is read by the compiler, without running it and without the packages the repository does not hold (no `node_modules`, no `@types`, no Node.js or DOM types). What the analysis cannot see is named at its line and read as `unknown`: a type from a package, `any`, an index signature or a spread of an object whose keys are not known, a computed key, a type parameter left open, an event name that is not a constant, a zod transform or a zod call the reader does not know. A change to that part makes no finding, so this says where the contract is not checked. Only what the change brings is reported: what the base already had is not repeated.',
    example: {
      assetType: 'typescript',
      contract: `fields:\n  - name: total\n    type: number\n${FINANCE}\n`,
      before: ['export interface Order {\n  id: string;\n  total: number;\n}\n'],
      after: ["import type { Money } from 'dinero.js';\n\nexport interface Order {\n  id: string;\n  total: number;\n  price: Money;\n}\n"],
      expect: 'info',
    },
  },
] as const satisfies readonly RuleDefinition[];
