/** The catalogue's one stylesheet: light and dark follow the reader's system setting. */
export const STYLE = `:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --surface-2: #f0f2f5;
  --text: #1f2328;
  --muted: #59636e;
  --border: #d8dee4;
  --accent: #0969da;
  --accent-tint: #ddf4ff;
  --blocking: #cf222e;
  --blocking-tint: #ffebe9;
  --advisory: #9a6700;
  --advisory-tint: #fff8c5;
  --drift: #bc4c00;
  --drift-tint: #fff1e5;
  --ok: #1a7f37;
  --ok-tint: #dafbe1;
  --shadow: 0 1px 2px rgb(31 35 40 / 6%), 0 1px 8px rgb(31 35 40 / 4%);
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --surface: #151b23;
    --surface-2: #1c2430;
    --text: #e6edf3;
    --muted: #9198a1;
    --border: #30363d;
    --accent: #4493f8;
    --accent-tint: #12263f;
    --blocking: #f85149;
    --blocking-tint: #3c1618;
    --advisory: #d29922;
    --advisory-tint: #36290b;
    --drift: #f0883e;
    --drift-tint: #3d2312;
    --ok: #3fb950;
    --ok-tint: #12301c;
    --shadow: none;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--text); font: 15px/1.5 var(--sans); }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
code { font: 0.88em/1.4 var(--mono); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0; }
h2 { font-size: 1.15rem; margin: 2.25rem 0 0.75rem; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 0.875rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); padding: 0.5rem 1rem; z-index: 1; }
.skip:focus { left: 0.5rem; }

header.site { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap;
  padding: 0.75rem max(1.25rem, calc((100% - 1200px) / 2 + 1.25rem)); background: var(--surface); border-bottom: 1px solid var(--border); }
header.site .home { color: var(--text); font-weight: 600; font-size: 1rem; }
header.site .home .muted { font-weight: 400; }
header.site .logo { color: var(--accent); }
header.site .revision { color: var(--muted); font-size: 0.875rem; }
main { max-width: 1200px; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
footer.site { margin: 0 max(1.25rem, calc((100% - 1200px) / 2 + 1.25rem)); padding: 1rem 0 2rem; color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--border); overflow-wrap: anywhere; }
.lede { color: var(--muted); font-size: 1.05rem; max-width: 70ch; margin: 0.5rem 0 1.5rem; }

.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.75rem; margin: 0 0 1.5rem; }
.stats > div { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 0.85rem 1rem; box-shadow: var(--shadow); }
.stats dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
.stats dd { margin: 0; font-size: 1.6rem; font-weight: 600; line-height: 1.3; }
.stats dd.note { font-size: 0.85rem; font-weight: 400; }
.stats .stat-drift { border-color: var(--drift); }
.stats .stat-drift dd:not(.note) { color: var(--drift); }

.search { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin: 0 0 0.75rem; }
.search[hidden] { display: none; }
.search label { font-weight: 600; }
.search input { flex: 1 1 18rem; max-width: 28rem; font: inherit; color: inherit; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.45rem 0.75rem; }

.table-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; box-shadow: var(--shadow); }
table { width: 100%; border-collapse: collapse; }
caption { caption-side: top; text-align: left; padding: 0.75rem 1rem; color: var(--muted); font-size: 0.875rem; border-bottom: 1px solid var(--border); }
th, td { text-align: left; vertical-align: top; padding: 0.7rem 1rem; border-bottom: 1px solid var(--border); }
tbody tr:last-child > * { border-bottom: none; }
thead th { background: var(--surface-2); color: var(--muted); font-size: 0.78rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; white-space: nowrap; }
thead th code { text-transform: none; }
tbody th { font-weight: 600; }
tr[hidden] { display: none; }
.contracts tbody tr:hover { background: var(--surface-2); }
.contracts th a { font-size: 1rem; }
.sub { display: block; color: var(--muted); font-weight: 400; }
.empty { color: var(--muted); padding: 1rem 0; }

ul.consumers, ul.used-by, ul.uses, ul.field-findings { list-style: none; margin: 0; padding: 0; }
ul.consumers li + li, ul.used-by li + li, ul.field-findings li + li { margin-top: 0.3rem; }
ul.uses { display: flex; flex-wrap: wrap; gap: 0.25rem 0.6rem; }

.badge { display: inline-block; font-size: 0.72rem; font-weight: 600; line-height: 1; padding: 0.3em 0.6em; border-radius: 999px; border: 1px solid transparent; vertical-align: 0.1em; white-space: nowrap; }
.badge-blocking, .badge-error { color: var(--blocking); background: var(--blocking-tint); border-color: color-mix(in srgb, var(--blocking) 35%, transparent); }
.badge-advisory { color: var(--advisory); background: var(--advisory-tint); border-color: color-mix(in srgb, var(--advisory) 35%, transparent); }
.badge-drift { color: var(--drift); background: var(--drift-tint); border-color: color-mix(in srgb, var(--drift) 35%, transparent); }
.badge-active { color: var(--ok); background: var(--ok-tint); border-color: color-mix(in srgb, var(--ok) 35%, transparent); }
.badge-draft, .badge-deprecated, .badge-info { color: var(--muted); background: var(--surface-2); border-color: var(--border); }
.badge-type { color: var(--accent); background: var(--accent-tint); border-color: color-mix(in srgb, var(--accent) 30%, transparent); font-family: var(--mono); font-weight: 500; }
.kept { color: var(--ok); font-weight: 500; }
.missing { color: var(--drift); font-weight: 500; }
.dot { display: inline-block; width: 0.55rem; height: 0.55rem; border-radius: 50%; margin-right: 0.45rem; vertical-align: 0.05em; }
.dot-blocking { background: var(--blocking); }
.dot-advisory { background: var(--advisory); }

.breadcrumb { font-size: 0.875rem; color: var(--muted); margin-bottom: 0.75rem; }
.title { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.5rem 1.5rem; margin: 1.25rem 0 1.5rem; padding: 1rem 1.25rem; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; box-shadow: var(--shadow); }
.facts dt { color: var(--muted); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; }
.facts dd { margin: 0.1rem 0 0; overflow-wrap: anywhere; }
.facts dd .note { display: block; }

.callout { margin: 1rem 0; padding: 0.85rem 1.1rem; border: 1px solid var(--border); border-left-width: 4px; border-radius: 8px; background: var(--surface); }
.callout h2 { margin: 0 0 0.35rem; font-size: 1rem; }
.callout p { margin: 0.25rem 0; }
.callout ul { margin: 0.5rem 0 0; padding-left: 1.1rem; }
.callout li + li { margin-top: 0.35rem; }
.callout-ok { border-left-color: var(--ok); }
.callout-drift { border-left-color: var(--drift); background: var(--drift-tint); }
.callout-error { border-left-color: var(--blocking); background: var(--blocking-tint); }
.callout-note { border-left-color: var(--advisory); }
ul.findings { list-style: none; padding-left: 0; }
.location { color: var(--muted); white-space: nowrap; }
.rule { color: var(--muted); }

.schema td, .schema th { font-size: 0.92rem; }
.schema .type { font-weight: 600; }
.chips { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; margin-left: 0.35rem; vertical-align: 0.05em; }
.chip { font-size: 0.72rem; line-height: 1.2; padding: 0.15em 0.5em; border-radius: 4px; background: var(--surface-2); border: 1px solid var(--border); color: var(--muted); white-space: nowrap; }
.values, .origin, .field-description { display: block; font-size: 0.82rem; color: var(--muted); margin-top: 0.25rem; }
.schema tr.row-drift > * { background: var(--drift-tint); }
.schema tr.row-drift > th { box-shadow: inset 3px 0 0 var(--drift); }
.schema tbody.other-fields { border-top: 2px solid var(--border); }
.schema tbody.other-fields th[scope="rowgroup"] { background: var(--surface-2); color: var(--muted); font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.schema tr.row-other th code, .schema tr.row-other td { color: var(--muted); }

.lineage-figure { margin: 0; }
.lineage-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 0.75rem; box-shadow: var(--shadow); }
.lineage-figure figcaption { margin-top: 0.6rem; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; list-style: none; margin: 0; padding: 0; color: var(--muted); font-size: 0.85rem; }
.legend li { display: flex; align-items: center; gap: 0.45rem; }
.swatch { display: inline-block; width: 1.6rem; height: 0; border-top: 2px solid; }
.swatch-blocking { border-color: var(--blocking); }
.swatch-advisory { border-top-style: dashed; border-color: var(--advisory); }
.swatch-drift { height: 0.8rem; width: 1.1rem; border: 1.5px solid var(--drift); border-radius: 3px; background: var(--drift-tint); }
.lineage-figure .note { margin: 0.35rem 0 0; }

svg.lineage { display: block; margin: 0 auto; font: 12px var(--mono); }
svg.lineage .column-titles text { font: 600 11px var(--sans); fill: var(--muted); letter-spacing: 0.06em; text-transform: uppercase; }
svg.lineage .column-folder { fill: var(--muted); }
svg.lineage .node rect { fill: var(--surface-2); stroke: var(--border); stroke-width: 1; }
svg.lineage .node text { fill: var(--text); }
svg.lineage .node-asset rect { fill: var(--accent-tint); stroke: var(--accent); stroke-width: 1.5; }
svg.lineage .node-asset text { font-weight: 700; }
svg.lineage .node-field rect { fill: var(--surface); }
svg.lineage .node-consumer rect { fill: var(--surface); stroke-width: 1.5; }
svg.lineage .node-consumer.blocking rect { stroke: var(--blocking); }
svg.lineage .node-consumer.advisory rect { stroke: var(--advisory); }
svg.lineage .node.drift rect { fill: var(--drift-tint); stroke: var(--drift); stroke-width: 1.5; }
svg.lineage .node.missing rect, svg.lineage .node.absent rect, svg.lineage .node.error rect { stroke-dasharray: 4 3; }
svg.lineage .node.absent rect, svg.lineage .node.error rect { stroke: var(--blocking); fill: var(--blocking-tint); }
svg.lineage .node.more text { fill: var(--muted); font-style: italic; }
svg.lineage .edge { stroke: var(--border); stroke-width: 1.25; }
svg.lineage .edge-field, svg.lineage .edge-source { stroke: color-mix(in srgb, var(--muted) 55%, transparent); }
svg.lineage .edge-blocking { stroke: var(--blocking); stroke-width: 1.6; stroke-opacity: 0.8; }
svg.lineage .edge-advisory { stroke: var(--advisory); stroke-width: 1.4; stroke-dasharray: 5 4; stroke-opacity: 0.85; }
svg.lineage .edge:hover { stroke-width: 3; stroke-opacity: 1; }

ul.sources { margin: 0; padding-left: 1.1rem; }
ul.sources li + li { margin-top: 0.3rem; }

@media (max-width: 720px) {
  html { font-size: 14px; }
  main { padding: 1.25rem 0.9rem 2rem; }
  th, td { padding: 0.55rem 0.7rem; }
  /* The index as cards: one contract a card, each cell under its own small heading. */
  .contracts, .contracts caption, .contracts tbody, .contracts tr, .contracts th, .contracts td { display: block; }
  .contracts thead { display: none; }
  .contracts tr { padding: 0.5rem 0; border-bottom: 1px solid var(--border); }
  .contracts tbody tr:last-child { border-bottom: none; }
  .contracts tr[hidden] { display: none; }
  .contracts th, .contracts td { border: none; padding: 0.3rem 1rem; }
  .contracts td::before { content: attr(data-label); display: block; color: var(--muted); font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.04em; }
}
`;
