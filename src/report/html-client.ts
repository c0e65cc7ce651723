/**
 * The HTML report's script, inlined as text: it reads the data block, draws the header and
 * filters, the matrices (html-matrices.ts), the result list, a result's diagnostics, its
 * timeline (html-timeline.ts) and its message sequence (ladder) diagram (html-ladder.ts). Plain ES2019
 * in String.raw literals (no template literals or "${" inside); every value from the data goes
 * into the page through textContent or attributes, never as markup.
 */
import { ladderScript } from './html-ladder.js';
import { matricesScript } from './html-matrices.js';
import { timelineScript } from './html-timeline.js';

const pageScript = String.raw`
  'use strict';
  var data = JSON.parse(document.getElementById('plugfest-data').textContent);
  var results = data.results;
  var rank = {};
  data.verdicts.forEach(function (v, i) { rank[v] = i; });
  var state = { verdicts: [], suite: '', vendor: '', search: '', cell: null, selected: null, frame: null };
  var SVG = 'http://www.w3.org/2000/svg';

  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function s(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') el.textContent = String(v);
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, String(v));
    });
  }
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === undefined || child === null || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
      else el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  function duration(ms) {
    if (ms < 1000) return Math.max(0, Math.round(ms)) + 'ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + 's';
    var sec = Math.round(ms / 1000);
    return Math.floor(sec / 60) + 'm ' + String(sec % 60).padStart(2, '0') + 's';
  }
  function offset(ms) {
    return '+' + (ms < 1000 ? ms.toFixed(ms < 10 ? 1 : 0) + ' ms' : (ms / 1000).toFixed(3) + ' s');
  }
  function when(t) { return new Date(t).toISOString().replace('T', ' ').replace('Z', ' UTC'); }
  function comboText(r) {
    return Object.keys(r.combination).map(function (role) { return role + '=' + r.combination[role]; }).join(', ');
  }
  function badge(v, withWord) {
    return h('span', { class: 'badge w-' + v + ' c-' + v, 'data-verdict': v,
      text: data.symbols[v] + (withWord === false ? '' : ' ' + v) });
  }
  function worst(list) {
    var best = null;
    list.forEach(function (r) { if (best === null || rank[r.verdict] < rank[best]) best = r.verdict; });
    return best;
  }
  function bySeverity(a, b) {
    return rank[a.verdict] - rank[b.verdict] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }
  function matches(r) {
    if (state.verdicts.length && state.verdicts.indexOf(r.verdict) < 0) return false;
    if (state.suite && r.suite !== state.suite) return false;
    if (state.vendor) {
      var vendors = Object.keys(r.combination).map(function (k) { return r.combination[k]; });
      if (vendors.indexOf(state.vendor) < 0) return false;
    }
    if (state.search) {
      var text = (r.caseId + ' ' + r.title + ' ' + r.key).toLowerCase();
      if (text.indexOf(state.search.toLowerCase()) < 0) return false;
    }
    return true;
  }
  function cellResults(cell) {
    return data.grids[cell.grid].cells[cell.row][cell.column]
      .map(function (i) { return results[i]; })
      .filter(matches);
  }
  function byKey(key) {
    for (var i = 0; i < results.length; i++) if (results[i].key === key) return results[i];
    return null;
  }

  // ---- header: run facts and verdict chips (the verdict filter) ----
  function renderHeader() {
    var run = data.run;
    var failed = data.exitCode !== 0;
    var facts = [];
    if (run.runId) facts.push(h('span', { text: 'run ' + run.runId }));
    if (run.shard) facts.push(h('span', { text: 'shard ' + run.shard }));
    facts.push(h('span', { text: 'started ' + when(run.startedAt) }));
    facts.push(h('span', { text: 'took ' + duration(run.endedAt - run.startedAt) }));
    facts.push(h('span', { text: results.length + ' results' }));
    if (run.interrupted) facts.push(h('span', { class: 'interrupted', text: 'interrupted: cases that did not run are missing' }));
    var header = clear(document.getElementById('top'));
    append(header, h('div', { class: 'inner' },
      h('h1', null, data.title,
        h('span', { class: 'outcome ' + (failed ? 'w-fail c-fail' : 'w-pass c-pass'), text: failed ? 'failed' : 'passed' })),
      h('div', { class: 'facts' }, facts),
      renderChips()));
  }
  function renderChips() {
    var chips = h('div', { class: 'chips', id: 'verdict-filter' });
    append(chips, h('button', { class: 'chip' + (state.verdicts.length ? '' : ' active'), 'data-verdict': 'all',
      onclick: function () { state.verdicts = []; update(); } }, 'All', h('span', { class: 'n', text: results.length })));
    data.verdicts.forEach(function (v) {
      var n = data.summary[v];
      if (!n) return;
      var on = state.verdicts.indexOf(v) >= 0;
      append(chips, h('button', { class: 'chip' + (on ? ' active' : ''), 'data-verdict': v, 'aria-pressed': on,
        onclick: function () {
          var i = state.verdicts.indexOf(v);
          if (i >= 0) state.verdicts.splice(i, 1); else state.verdicts.push(v);
          update();
        } },
        h('span', { class: on ? '' : 'c-' + v, text: data.symbols[v] }), v, h('span', { class: 'n', text: n })));
    });
    return chips;
  }

  // ---- filters: suite, vendor, text ----
  function renderFilters() {
    var suites = unique(results.map(function (r) { return r.suite; }));
    var vendors = unique([].concat.apply([], results.map(function (r) {
      return Object.keys(r.combination).map(function (k) { return r.combination[k]; });
    })));
    function select(id, label, values, key) {
      var el = h('select', { id: id, onchange: function () { state[key] = el.value; update(); } },
        h('option', { value: '', text: 'all' }),
        values.map(function (v) { return h('option', { value: v, text: v }); }));
      return h('label', null, label, el);
    }
    var search = h('input', { id: 'filter-search', type: 'search', placeholder: 'case id or title',
      oninput: function () { state.search = search.value; update(); } });
    append(clear(document.getElementById('filters')), h('div', { class: 'inner' },
      select('filter-suite', 'Suite', suites, 'suite'),
      select('filter-vendor', 'Vendor', vendors, 'vendor'),
      h('label', null, 'Search', search),
      h('button', { class: 'clear', onclick: function () {
        state.verdicts = []; state.suite = ''; state.vendor = ''; state.search = '';
        document.getElementById('filter-suite').value = '';
        document.getElementById('filter-vendor').value = '';
        search.value = '';
        update();
      }, text: 'Clear filters' })));
  }
  function unique(list) {
    return list.filter(function (v, i) { return v && list.indexOf(v) === i; }).sort();
  }

  // ---- the result list ----
  function renderList() {
    var root = clear(document.getElementById('list'));
    var list;
    var head;
    if (state.cell) {
      var grid = data.grids[state.cell.grid];
      list = cellResults(state.cell);
      head = h('div', { class: 'panel-head' },
        h('span', null, h('b', { text: (data.interfaces[grid.interface] || grid.interface) + ': ' }),
          grid.rows[state.cell.row] + ' × ' + grid.columns[state.cell.column] + ' (' + list.length + ')'),
        h('button', { text: 'Show all', onclick: function () { state.cell = null; update(); } }));
    } else {
      list = results.filter(matches);
      head = h('div', { class: 'panel-head' }, h('span', null, h('b', { text: 'All results ' }), '(' + list.length + ')'));
    }
    list.sort(bySeverity);
    append(root, head);
    if (!list.length) { append(root, h('div', { class: 'nothing', text: 'No results match the filters.' })); return; }
    append(root, h('ul', { class: 'results' }, list.map(function (r) {
      return h('li', { class: state.selected === r.key ? 'selected' : '', 'data-key': r.key, 'data-verdict': r.verdict,
        onclick: function () { state.selected = r.key; state.frame = null; update(); } },
        badge(r.verdict),
        h('span', null, h('span', { class: 'id', text: r.caseId }), ' ', h('span', { class: 'title', text: r.title })),
        h('span', { class: 'dur', text: duration(r.durationMs) }),
        h('span', { class: 'combo', text: comboText(r) || 'no vendor' }));
    })));
  }

  // ---- one result ----
  function renderDetail() {
    var root = clear(document.getElementById('detail'));
    var r = state.selected && byKey(state.selected);
    if (!r) { append(root, h('div', { class: 'nothing', text: 'Click a matrix cell or a result to see its diagnostics and message sequence.' })); return; }
    var vendors = Object.keys(r.combination).map(function (role) {
      return h('span', null, role, h('span', { class: 'vendor', text: r.combination[role] }));
    });
    append(root, h('div', { class: 'detail', 'data-key': r.key },
      badge(r.verdict),
      h('h2', null, r.caseId + ' ', h('span', { class: 'title', text: r.title })),
      h('div', { class: 'meta' },
        h('span', { text: 'suite ' + r.suite }),
        h('span', { text: 'interface ' + r.interface }),
        vendors,
        h('span', { text: duration(r.durationMs) + (r.retry ? ' (retry ' + r.retry + ')' : '') }),
        h('span', { text: when(r.startedAt) })),
      h('div', { class: 'spec' }, h('div', null, h('b', { text: 'Spec' }), r.spec),
        h('div', null, h('b', { text: 'Expectation' }), r.expectation)),
      r.diagnostics.length ? [h('h3', { text: 'Diagnostics' }), r.diagnostics.map(function (d) { return renderDiagnostic(r, d); })] : null,
      Object.keys(r.measurements).length ? [h('h3', { text: 'Measurements' }),
        h('dl', { class: 'kv' }, Object.keys(r.measurements).map(function (k) {
          return [h('dt', { text: k }), h('dd', { text: String(r.measurements[k]) })];
        }))] : null,
      renderTimeline(r),
      renderSequence(r)));
  }
  function renderDiagnostic(r, d) {
    var rows = [];
    function row(k, v) { if (v !== undefined && v !== null && v !== '') rows.push(h('dt', { text: k }), h('dd', { text: v })); }
    row('expected', d.expected);
    row('observed', d.observed);
    row('link', d.link);
    row('code', d.code);
    if (d.trace) row('trace', [d.trace.file, d.trace.at && d.trace.at.length ? 't=' + d.trace.at.join(', ') : ''].filter(Boolean).join(' at '));
    return h('div', { class: 'diagnostic v-' + r.verdict }, h('div', { class: 'message', text: d.message }),
      rows.length ? h('dl', { class: 'kv' }, rows) : null);
  }


  function update() {
    renderHeader();
    renderMatrices();
    renderList();
    renderDetail();
    if (state.selected) {
      try { history.replaceState(null, '', '#' + encodeURIComponent(state.selected)); } catch (e) { /* some file:// origins refuse */ }
    }
  }

  var fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash && byKey(fromHash)) state.selected = fromHash;
  renderFilters();
  update();
  document.body.setAttribute('data-ready', 'true');
`;

/** The whole script: one function scope around the page, its matrices, timeline and ladder diagram. */
export const reportScript = `(function () {\n${pageScript}\n${matricesScript}\n${timelineScript}\n${ladderScript}\n})();\n`;
