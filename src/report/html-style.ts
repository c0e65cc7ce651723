/** The HTML report's style sheet, inlined: system fonts only, nothing fetched. */
export const reportStyle = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --bg: #ffffff; --accent: #0969da;
  --pass: #1a7f37; --pass-bg: #dafbe1;
  --fail: #cf222e; --fail-bg: #ffebe9;
  --error: #bc4c00; --error-bg: #fff1e5;
  --non-strict: #9a6700; --non-strict-bg: #fff8c5;
  --incompatible: #8250df; --incompatible-bg: #fbefff;
  --unsupported: #59636e; --unsupported-bg: #eef1f4;
  --known-failing: #0550ae; --known-failing-bg: #ddf4ff;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 14px; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
button, select, input { font: inherit; color: inherit; }
main { max-width: 1440px; margin: 0 auto; padding: 0 24px 48px; }
header.top { border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .inner { max-width: 1440px; margin: 0 auto; padding: 18px 24px 14px; }
h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
h1 .outcome { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px; margin-left: 8px; vertical-align: 3px; }
.facts { color: var(--muted); font-size: 13px; }
.facts span + span::before { content: "·"; margin: 0 8px; color: var(--line); }
.interrupted { color: var(--fail); font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 12px; }
.chip { border: 1px solid var(--line); background: var(--bg); border-radius: 16px; padding: 3px 12px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
.chip:hover { border-color: var(--muted); }
.chip .n { font-weight: 600; }
.chip.active { background: var(--fg); color: var(--bg); border-color: var(--fg); }
.filters { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.94); backdrop-filter: blur(4px); border-bottom: 1px solid var(--line); }
.filters .inner { max-width: 1440px; margin: 0 auto; padding: 10px 24px; display: flex; flex-wrap: wrap; gap: 16px; align-items: center; }
.filters label { color: var(--muted); font-size: 13px; display: inline-flex; gap: 6px; align-items: center; }
.filters select, .filters input { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; background: var(--bg); }
.filters input { width: 220px; }
.filters .clear { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; }
section h2 { font-size: 16px; margin: 24px 0 10px; font-weight: 600; }
section h2 .sub { color: var(--muted); font-weight: 400; font-size: 13px; margin-left: 6px; }
.interfaces { display: flex; flex-wrap: wrap; gap: 8px 28px; }
.grids { display: flex; flex-wrap: wrap; gap: 16px; }
.grid-card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 14px; background: var(--bg); }
.grid-card h3 { font-size: 14px; margin: 0 0 2px; }
.grid-card .roles { color: var(--muted); font-size: 12px; margin-bottom: 10px; }
table.matrix { border-collapse: separate; border-spacing: 4px; margin: -4px; }
table.matrix th { font-weight: 600; font-size: 12px; padding: 4px 8px; text-align: left; white-space: nowrap; }
table.matrix thead th { text-align: center; color: var(--muted); }
table.matrix th.corner { color: var(--muted); font-weight: 400; font-style: italic; text-align: left; }
td.cell { min-width: 110px; height: 46px; border-radius: 6px; padding: 6px 8px; cursor: pointer; vertical-align: middle; text-align: center; border: 2px solid transparent; transition: transform .08s; }
td.cell:hover { transform: translateY(-1px); box-shadow: 0 2px 6px rgba(31,35,40,.12); }
td.cell:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
td.cell.selected { border-color: var(--fg); }
td.cell.empty { background: var(--soft); color: var(--line); cursor: default; }
td.cell .counts { display: flex; gap: 6px; justify-content: center; flex-wrap: wrap; }
td.cell .count { font-weight: 600; font-size: 12px; white-space: nowrap; }
.w-pass { background: var(--pass-bg); } .w-fail { background: var(--fail-bg); } .w-error { background: var(--error-bg); }
.w-non-strict { background: var(--non-strict-bg); } .w-incompatible { background: var(--incompatible-bg); }
.w-unsupported { background: var(--unsupported-bg); } .w-known-failing { background: var(--known-failing-bg); }
.c-pass { color: var(--pass); } .c-fail { color: var(--fail); } .c-error { color: var(--error); }
.c-non-strict { color: var(--non-strict); } .c-incompatible { color: var(--incompatible); }
.c-unsupported { color: var(--unsupported); } .c-known-failing { color: var(--known-failing); }
.badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; color: var(--muted); font-size: 12px; }
.explorer { display: grid; grid-template-columns: minmax(280px, 380px) 1fr; gap: 16px; margin-top: 8px; align-items: start; }
@media (max-width: 900px) { .explorer { grid-template-columns: 1fr; } }
.panel { border: 1px solid var(--line); border-radius: 8px; background: var(--bg); overflow: hidden; }
.panel-head { padding: 8px 12px; background: var(--soft); border-bottom: 1px solid var(--line); font-size: 13px; display: flex; justify-content: space-between; gap: 8px; align-items: center; }
.panel-head button { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; }
ul.results { list-style: none; margin: 0; padding: 0; max-height: 640px; overflow: auto; }
ul.results li { padding: 8px 12px; border-bottom: 1px solid var(--soft); cursor: pointer; display: grid; grid-template-columns: auto 1fr auto; gap: 2px 8px; align-items: baseline; }
ul.results li:hover { background: var(--soft); }
ul.results li.selected { background: #ddf4ff; box-shadow: inset 3px 0 0 var(--accent); }
ul.results .id { font-weight: 600; }
ul.results .title { color: var(--fg); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
ul.results .combo { grid-column: 2 / 4; color: var(--muted); font-size: 12px; }
ul.results .dur { color: var(--muted); font-size: 12px; }
.nothing { padding: 24px; color: var(--muted); text-align: center; }
.detail { padding: 16px 18px 20px; }
.detail h2 { font-size: 18px; margin: 8px 0 4px; }
.detail h2 .title { font-weight: 400; }
.detail h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 20px 0 8px; }
.meta { color: var(--muted); font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.vendor { display: inline-block; border: 1px solid var(--line); border-radius: 6px; padding: 0 6px; color: var(--fg); font-size: 12px; margin-left: 4px; }
.spec { margin-top: 10px; font-size: 13px; line-height: 1.5; }
.spec b { color: var(--muted); font-weight: 600; margin-right: 4px; }
.diagnostic { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 6px; padding: 10px 12px; margin-bottom: 8px; }
.diagnostic.v-fail { border-left-color: var(--fail); } .diagnostic.v-error { border-left-color: var(--error); }
.diagnostic.v-non-strict { border-left-color: var(--non-strict); } .diagnostic.v-incompatible { border-left-color: var(--incompatible); }
.diagnostic.v-unsupported { border-left-color: var(--unsupported); } .diagnostic.v-known-failing { border-left-color: var(--known-failing); }
.diagnostic .message { font-weight: 600; margin-bottom: 6px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 12px; margin: 0; font-size: 13px; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-word; }
.sequence { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.timeline-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fcfcfd; margin-bottom: 12px; }
svg.timeline { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; }
svg.timeline .tl-link { fill: var(--fg); }
svg.timeline .tl-bar { fill: #8c959f; }
svg.timeline .tl-bar.failing { fill: #cf222e; }
svg.timeline .tl-close { stroke: #cf222e; stroke-width: 2; }
svg.timeline .tl-mark { stroke-width: 1.5; stroke-dasharray: 3 2; }
svg.timeline .tl-axis { fill: #57606a; }
.ladder-scroll { flex: 1 1 520px; max-height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fcfcfd; }
svg.ladder { display: block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; }
svg.ladder .lane-box { fill: #ffffff; stroke: #8c959f; }
svg.ladder .lane-name { font-weight: 600; fill: var(--fg); }
svg.ladder .lifeline { stroke: #afb8c1; stroke-dasharray: 4 4; }
svg.ladder .time { fill: var(--muted); }
svg.ladder .frame { cursor: pointer; outline: none; }
svg.ladder .frame:focus-visible .row-bg { stroke: var(--accent); }
svg.ladder .frame line.arrow { stroke: #57606a; stroke-width: 1.4; }
svg.ladder .frame text { fill: var(--fg); }
svg.ladder .frame .hit { stroke: transparent; stroke-width: 16; }
svg.ladder .frame:hover line.arrow { stroke: var(--accent); stroke-width: 2; }
svg.ladder .frame.unsuccessful text { fill: var(--error); }
svg.ladder .frame.failing line.arrow { stroke: var(--fail); stroke-width: 2; }
svg.ladder .frame.failing text { fill: var(--fail); font-weight: 600; }
svg.ladder .frame.failing .row-bg { fill: var(--fail-bg); }
svg.ladder .row-bg { fill: transparent; }
svg.ladder .frame.selected .row-bg { fill: #ddf4ff; }
svg.ladder .frame.selected line.arrow { stroke: var(--accent); stroke-width: 2.2; }
svg.ladder .connection line { stroke: #8c959f; stroke-dasharray: 2 3; }
svg.ladder .connection text { fill: var(--muted); font-style: italic; }
.inspector { flex: 1 1 300px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; min-height: 120px; background: var(--bg); }
.inspector h4 { margin: 0 0 8px; font-size: 14px; }
.inspector h5 { margin: 12px 0 6px; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.inspector .hint { color: var(--muted); }
.inspector pre { margin: 0; white-space: pre-wrap; word-break: break-all; background: var(--soft); padding: 8px; border-radius: 4px; max-height: 200px; overflow: auto; }
.tree { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; line-height: 1.55; }
.tree .node { padding-left: 14px; }
.tree .key { color: #0550ae; }
.tree .str { color: #0a3069; } .tree .num { color: #953800; } .tree .lit { color: #8250df; }
.tree .bracket { color: var(--muted); }
.omitted { color: var(--muted); font-size: 12px; margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; text-align: center; }
`;
