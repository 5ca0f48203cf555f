/** The page's only stylesheet, inline: the report opens from disk, offline, as one file. */
export const REPORT_CSS = `
:root { color-scheme: light; --fail: #c62828; --pass: #2e7d32; --unknown: #b26a00; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 16px 20px 40px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 3px; }
h3 { font-size: 14px; margin: 14px 0 2px; }
.verdict { display: inline-block; padding: 1px 10px; border-radius: 4px; color: #fff; font-size: 14px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.unknown { background: var(--unknown); }
.summary { font-size: 15px; margin: 4px 0 10px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f4f4f4; padding: 1px 5px; border-radius: 3px; word-break: break-all; }
.note { color: var(--muted); font-size: 13px; margin: 2px 0 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12.5px; color: #333; margin: 4px 0 6px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
.swatch.line { height: 2px; background: #222; } .swatch.line.degraded { height: 3px; background: #c62828; } .swatch.dashed { height: 0; border-top: 2px dashed #777; background: none; }
.swatch.silent { background: repeating-linear-gradient(45deg, #e4e4e4 0 3px, #9a9a9a 3px 5px); }
.swatch.detected { width: 0; height: 0; border: 6px solid transparent; border-top: 9px solid #ef6c00; border-bottom: 0; border-radius: 0; }
.swatch.healed { width: 0; height: 0; border: 6px solid transparent; border-bottom: 9px solid #2e7d32; border-top: 0; border-radius: 0; }
.swatch.failed { width: 12px; height: 12px; border-radius: 50%; background: var(--fail); }
.swatch.layer-pass { background: var(--pass); } .swatch.layer-fail { background: var(--fail); } .swatch.layer-unknown { background: var(--unknown); }
.swatch.layer-open { background: var(--fail); opacity: .45; }
.swatch.not-present { background: repeating-linear-gradient(45deg, #f0f0f0 0 3px, #bdbdbd 3px 5px); }
.swatch.layer-detect { width: 2px; background: #ef6c00; } .swatch.layer-heal { width: 2px; height: 14px; background: #111; }
svg { display: block; width: 100%; height: auto; font-family: system-ui, sans-serif; }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .tick, svg .peer-tick { font-size: 10.5px; fill: #777; }
svg .row-label { font-size: 11px; fill: var(--muted); font-style: italic; }
svg .lane-label { font-size: 12px; fill: #222; }
svg .lane-sub { font-size: 10.5px; fill: var(--muted); }
svg .lane-bg { fill: #fafafa; } svg .lane-bg.odd { fill: #f1f1f1; }
svg .full-mesh { stroke: #bbb; stroke-dasharray: 2 3; }
svg .silent { fill: url(#silent); }
svg .peers { fill: none; stroke: #1b1b1b; stroke-width: 1.8; }
svg .peers.degraded { stroke: #c62828; stroke-width: 2.2; }
svg .peers.median { stroke: #6d6d6d; stroke-width: 1.4; stroke-dasharray: 4 3; }
svg .fault-bar { opacity: .9; } svg .fault-bar.unlifted { opacity: .6; }
svg .fault-label { font-size: 11px; fill: #fff; font-weight: 600; pointer-events: none; }
svg .fault-shade { opacity: .16; } svg .fault-shade.faint { opacity: .08; }
svg .marker line { stroke-width: 1; stroke-dasharray: 3 3; opacity: .7; }
svg .marker.detected line, svg .marker.detected path { stroke: #ef6c00; fill: #ef6c00; }
svg .marker.healed line, svg .marker.healed path { stroke: #2e7d32; fill: #2e7d32; }
svg .failed-check line { stroke: var(--fail); stroke-width: 2; }
svg .failed-check circle { fill: var(--fail); }
svg .failed-check.unknown line { stroke: var(--unknown); } svg .failed-check.unknown circle { fill: var(--unknown); }
svg .failed-check text { fill: #fff; font-size: 11px; font-weight: 700; }
svg .pg-range { fill: #90caf9; opacity: .55; }
svg .pg-line { fill: none; stroke: #1565c0; stroke-width: 1.4; }
svg .expected { stroke: #2e7d32; stroke-dasharray: 5 4; }
svg .whisker { stroke: #888; stroke-width: 1.5; }
svg .p50-p95 { fill-opacity: .3; stroke-width: 1; }
svg .p50 { stroke: #111; stroke-width: 2; }
svg .dot { fill-opacity: .8; stroke: #fff; stroke-width: .8; }
svg .timing-text { font-size: 12px; fill: #333; }
svg .layer-stretch rect { opacity: .8; } svg .layer-stretch.open rect { opacity: .45; }
svg .layer-stretch.pass rect { fill: var(--pass); } svg .layer-stretch.fail rect { fill: var(--fail); } svg .layer-stretch.unknown rect { fill: var(--unknown); }
svg .layer-stretch.not-present rect { fill: url(#not-present); opacity: 1; }
svg .layer-detect { stroke: #ef6c00; stroke-width: 2; } svg .layer-heal { stroke: #111; stroke-width: 2; }
svg .lane-sub.fail { fill: var(--fail); } svg .lane-sub.unknown { fill: var(--unknown); }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f6f6f6; font-weight: 600; position: sticky; top: 0; }
td:last-child { width: 100%; } td.tight { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.fail td { background: #fdecea; } tr.unknown td { background: #fff4e0; }
td .verdict { font-size: 11px; padding: 0 6px; }
ul.reasons { margin: 0; padding-left: 16px; }
`;
