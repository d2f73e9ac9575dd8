import type { FileMap } from '../../src/core/memory-snapshot.js';

/** A contract's text must never become markup: these would run or draw if it did. */
export const INJECTION = '<script>window.injected = 1</script><img src=x onerror="window.injected = 2">';

const shipment = {
  type: 'record',
  name: 'Shipment',
  namespace: 'com.acme.shipping',
  fields: [
    { name: 'shipment_id', type: 'long' },
    { name: 'carrier', type: ['null', 'string'], default: null },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['READY', 'SENT', 'LOST'] } },
    { name: 'weight_grams', type: 'int' },
  ],
};

/** A record with many fields, as warehouse tables have. */
export const WIDE_FIELDS = Array.from({ length: 40 }, (_, index) => `metric_${String(index + 1).padStart(2, '0')}`);
const wide = { type: 'record', name: 'Wide', namespace: 'com.acme.metrics', fields: WIDE_FIELDS.map((name) => ({ name, type: 'double' })) };

const SHIPMENTS = `id: shipments
name: Shipments
status: active
owner: "@acme/logistics"
description: 'Every parcel we send. ${INJECTION.replaceAll("'", "''")}'
asset:
  type: avro
  name: com.acme.shipping.Shipment
  source: schemas/shipping/*.avsc
fields:
  - name: shipment_id
    type: long
    required: true
  - name: carrier
    type: string
    required: true
  - name: status
    type: string
    enum: [READY, SENT, LOST]
  - name: tracking_url
    type: string
consumers:
  - name: Carrier billing
    contact: "@acme/finance"
    channel: "#billing"
    enforcement: blocking
    uses: [shipment_id, carrier]
  - name: "Ops <b>board</b>"
    contact: "@jane"
    enforcement: advisory
    uses: [status, tracking_url]
`;

const WIDE = `id: wide-metrics
name: Wide metrics
status: draft
owner: "@acme/data"
asset:
  type: avro
  name: com.acme.metrics.Wide
  source: schemas/metrics/*.avsc
fields:
${WIDE_FIELDS.map((name) => `  - name: ${name}\n    type: double\n`).join('')}consumers:
  - name: Everything dashboard
    contact: "@acme/bi"
    enforcement: advisory
  - name: Alerting
    contact: "@acme/sre"
    enforcement: blocking
    uses: [metric_03, metric_39]
`;

const GHOST = `id: ghost
status: deprecated
asset:
  type: avro
  name: com.acme.Ghost
  source: schemas/ghost/*.avsc
consumers:
  - name: Archive
    contact: "@acme/archive"
    enforcement: advisory
`;

/** A repository with drift (a required field that may be null, a field the asset lacks), a wide record, an asset
 * no file defines, and a broken contract file. */
export const FILES: FileMap = {
  'contracts/shipments.yaml': SHIPMENTS,
  'contracts/wide.yaml': WIDE,
  'contracts/ghost.yaml': GHOST,
  'contracts/broken.yaml': 'id: broken\nasset: [\n',
  'schemas/shipping/shipment.avsc': `${JSON.stringify(shipment, null, 2)}\n`,
  'schemas/metrics/wide.avsc': `${JSON.stringify(wide, null, 2)}\n`,
  'README.md': '# shop\n',
};
