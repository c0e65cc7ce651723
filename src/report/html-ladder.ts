/**
 * The ladder (message sequence) diagram of the HTML report's script: a lifeline per instance,
 * an arrow per frame with its message type and time, failing frames (undecodable, or acted on
 * by a fault) in red, and an inspector with a clicked frame's decoded fields. It shares the
 * page script's function scope (see html-client.ts): h, s, append, state, when, offset.
 */
export const ladderScript = String.raw`
  // ---- the message sequence (ladder) diagram ----
  function shortType(type) { return type ? type.slice(type.lastIndexOf('.') + 1) : 'undecodable frame'; }
  function linkEnds(link) {
    var m = /^([^>]+)>([^/]+)/.exec(link || '');
    return m ? { client: m[1], server: m[2] } : null;
  }
  function renderSequence(r) {
    var trace = r.trace;
    var out = [h('h3', { text: 'Message sequence' })];
    if (!trace || !trace.records.length) {
      out.push(h('div', { class: 'omitted', text: trace && trace.note ? trace.note : (r.traceFile ? 'No frames in this case\'s part of ' + r.traceFile + '.' : 'No trace was kept for this result.') }));
      return out;
    }
    var records = trace.records;
    var lanes = [];
    function lane(name) { if (lanes.indexOf(name) < 0) lanes.push(name); return lanes.indexOf(name); }
    records.forEach(function (rec) {
      if (rec.kind === 'connection') { var ends = linkEnds(rec.link); if (ends) { lane(ends.client); lane(ends.server); } }
      else { lane(rec.from || '?'); lane(rec.to || '?'); }
    });
    var gutter = 84, laneWidth = lanes.length > 3 ? 170 : 210, head = 46, rowHeight = 30;
    var width = gutter + lanes.length * laneWidth;
    var height = head + records.length * rowHeight + 16;
    function x(i) { return gutter + laneWidth * i + laneWidth / 2; }
    var svg = s('svg', { class: 'ladder', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': 'message sequence of ' + r.key });
    append(svg, s('defs', null, ['plain', 'failing', 'selected'].map(function (kind) {
      var color = kind === 'failing' ? '#cf222e' : kind === 'selected' ? '#0969da' : '#57606a';
      return s('marker', { id: 'head-' + kind, viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }));
    })));
    lanes.forEach(function (name, i) {
      append(svg, s('line', { class: 'lifeline', x1: x(i), y1: head - 8, x2: x(i), y2: height - 4 }));
      append(svg, s('rect', { class: 'lane-box', x: x(i) - 70, y: 8, width: 140, height: 28, rx: 6 }));
      append(svg, s('text', { class: 'lane-name', x: x(i), y: 26, 'text-anchor': 'middle', text: name }));
    });
    var t0 = records[0].t;
    records.forEach(function (rec, i) {
      var y = head + i * rowHeight + 20;
      append(svg, s('text', { class: 'time', x: gutter - 10, y: y + 4, 'text-anchor': 'end', text: offset(rec.t - t0) },
        s('title', { text: when(rec.t) })));
      if (rec.kind === 'connection') {
        var ends = linkEnds(rec.link);
        if (!ends) return;
        var a = x(lanes.indexOf(ends.client)), b = x(lanes.indexOf(ends.server));
        var what = rec.event + (rec.code ? ' ' + rec.code : '') + (rec.reason ? ' ' + rec.reason : '') + (rec.by ? ' (by ' + rec.by + ')' : '');
        append(svg, s('g', { class: 'connection' }, s('line', { x1: Math.min(a, b), y1: y, x2: Math.max(a, b), y2: y }),
          s('text', { x: (a + b) / 2, y: y - 5, 'text-anchor': 'middle', text: 'connection ' + what })));
        return;
      }
      var from = x(lanes.indexOf(rec.from || '?')), to = x(lanes.indexOf(rec.to || '?'));
      var failing = !!(rec.error || rec.fault);
      var selected = state.frame === i;
      var label = shortType(rec.type) + (rec.error ? ': ' + rec.error.code : '') + (rec.fault ? ' [fault: ' + rec.fault + ']' : '');
      var kind = selected ? 'selected' : failing ? 'failing' : 'plain';
      var path = from === to
        ? s('path', { class: 'arrow', d: 'M' + from + ',' + (y - 8) + ' h40 v12 h-36', fill: 'none', 'marker-end': 'url(#head-' + kind + ')' })
        : s('line', { class: 'arrow', x1: from, y1: y, x2: to + (to > from ? -2 : 2), y2: y, 'marker-end': 'url(#head-' + kind + ')' });
      var select = function () { selectFrame(svg, records, i, t0); };
      append(svg, s('g', { class: 'frame' + (failing ? ' failing' : '') + (rec.pdu === 'unsuccessful' ? ' unsuccessful' : '') + (selected ? ' selected' : ''),
        'data-index': i, 'data-type': rec.type || '', tabindex: 0, role: 'button',
        onclick: select, onkeydown: function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } } },
        s('rect', { class: 'row-bg', x: gutter - 4, y: y - 19, width: width - gutter, height: rowHeight - 2, rx: 4 }),
        s('title', { text: (rec.type || 'undecodable frame') + ' · ' + (rec.size || 0) + ' bytes · ' + when(rec.t) }),
        path,
        s('line', { class: 'hit', x1: Math.min(from, to), y1: y, x2: Math.max(from, to) + (from === to ? 40 : 0), y2: y }),
        s('text', { x: from === to ? from + 46 : (from + to) / 2, y: y - 5, 'text-anchor': from === to ? 'start' : 'middle', text: label })));
    });
    out.push(h('div', { class: 'sequence' }, h('div', { class: 'ladder-scroll' }, svg), renderInspector(records[state.frame], t0)));
    if (trace.omitted) out.push(h('div', { class: 'omitted', text: trace.omitted + ' more records of this case are not shown (see its trace file).' }));
    return out;
  }
  // Only the selection and the inspector change: redrawing the ladder would lose its scroll.
  function selectFrame(svg, records, i, t0) {
    state.frame = i;
    Array.prototype.forEach.call(svg.querySelectorAll('g.frame'), function (g) {
      var on = Number(g.getAttribute('data-index')) === i;
      g.classList.toggle('selected', on);
      var kind = on ? 'selected' : g.classList.contains('failing') ? 'failing' : 'plain';
      g.querySelector('.arrow').setAttribute('marker-end', 'url(#head-' + kind + ')');
    });
    var old = document.getElementById('inspector');
    old.parentNode.replaceChild(renderInspector(records[i], t0), old);
  }
  function renderInspector(rec, t0) {
    var root = h('div', { class: 'inspector', id: 'inspector' });
    if (!rec) { append(root, h('div', { class: 'hint', text: 'Click an arrow to see the frame and its decoded fields.' })); return root; }
    var rows = [];
    function row(k, v) { if (v !== undefined && v !== null && v !== '') rows.push(h('dt', { text: k }), h('dd', { text: String(v) })); }
    row('type', rec.type || 'undecodable');
    row('link', rec.link);
    row('direction', rec.dir);
    row('from → to', (rec.from || '?') + ' → ' + (rec.to || '?'));
    row('time', when(rec.t) + ' (' + offset(rec.t - t0) + ')');
    if (rec.sent) row('sent', when(rec.sent));
    row('size', rec.size !== undefined ? rec.size + ' bytes' : '');
    row('transaction', rec.tx);
    row('pdu', rec.pdu);
    row('fault', rec.fault);
    if (rec.error) row('decode error', rec.error.code + ': ' + rec.error.message);
    append(root, h('h4', { text: shortType(rec.type) }), h('dl', { class: 'kv' }, rows));
    if (rec.fields) append(root, h('h5', { text: 'Decoded fields' }), h('div', { class: 'tree fields' }, tree(rec.fields)));
    if (rec.raw) append(root, h('h5', { text: 'Raw (base64)' }), h('pre', { text: rec.raw }));
    return root;
  }
  function tree(value) {
    if (value === null || typeof value !== 'object') return scalar(value);
    var isArray = Array.isArray(value);
    var keys = Object.keys(value);
    if (!keys.length) return h('span', { class: 'bracket', text: isArray ? '[]' : '{}' });
    return h('div', null, keys.map(function (k) {
      var v = value[k];
      var nested = v !== null && typeof v === 'object' && Object.keys(v).length;
      return h('div', { class: 'node' }, h('span', { class: 'key', text: isArray ? '[' + k + ']' : k }), ': ',
        nested ? tree(v) : scalar(v));
    }));
  }
  function scalar(v) {
    if (typeof v === 'string') return h('span', { class: 'str', text: JSON.stringify(v) });
    if (typeof v === 'number') return h('span', { class: 'num', text: String(v) });
    if (Array.isArray(v)) return h('span', { class: 'bracket', text: '[]' });
    if (v && typeof v === 'object') return h('span', { class: 'bracket', text: '{}' });
    return h('span', { class: 'lit', text: String(v) });
  }
`;
