/** The contract most tests review: `public.orders` from its migrations, with a blocking finance consumer. */
export const ORDERS_CONTRACT = `id: orders
owner: "@acme/checkout"
asset:
  type: postgres
  name: public.orders
  source: db/migrations/*.sql
fields:
  - name: id
    type: bigint
    required: true
  - name: amount
    type: decimal
    required: true
consumers:
  - name: Finance dashboards
    contact: "@acme/analytics"
    channel: "#finance-data"
    enforcement: blocking
`;
