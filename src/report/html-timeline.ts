/**
 * The timeline of a fault or swap case in the HTML report's script: the moments the case marked
 * (fault start and end, detection, recovery, swap) as vertical lines over each link's traffic,
 * bucketed, with failing frames in red and connection closes as red ticks. It shares the page
 * script's function scope (see html-client.ts): h, s, append, offset, when.
 */
export const timelineScript = `
  // ---- the timeline of a case with marks ----
  function renderTimeline(r) {
    // Inside the function: the page renders before the statements of this part of the script run.
    var markColors = { 'fault-start': '#cf222e', 'fault-end': '#bf8700', detected: '#8250df', recovered: '#1a7f37', swap: '#0969da', note: '#57606a' };
    if (!r.marks || !r.marks.length) return null;
    var activity = r.trace && r.trace.activity;
    var rows = activity ? activity.links : [];
    var from = activity ? activity.from : r.marks[0].t - 1000;
    var buckets = activity ? activity.links.length ? activity.links[0].frames.length : 120 : 120;
    var bucketMs = activity ? activity.bucketMs : Math.max(1, Math.ceil((r.marks[r.marks.length - 1].t + 1000 - from) / buckets));
    var span = buckets * bucketMs;
    var gutter = 170, plot = 720, rowHeight = 22, head = 18 + r.marks.length * 14, foot = 22;
    var width = gutter + plot + 10, height = head + Math.max(1, rows.length) * rowHeight + foot;
    function x(t) { return gutter + Math.max(0, Math.min(1, (t - from) / span)) * plot; }
    var svg = s('svg', { class: 'timeline', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': 'timeline of ' + r.key });
    rows.forEach(function (row, i) {
      var y = head + i * rowHeight;
      var peak = Math.max.apply(null, row.frames.concat([1]));
      append(svg, s('text', { class: 'tl-link', x: gutter - 8, y: y + 14, 'text-anchor': 'end', text: row.link }));
      row.frames.forEach(function (n, b) {
        if (!n) return;
        var barHeight = 3 + 13 * Math.log(1 + n) / Math.log(1 + peak);
        append(svg, s('rect', { class: row.failing[b] ? 'tl-bar failing' : 'tl-bar', x: gutter + b * plot / buckets, y: y + 18 - barHeight,
          width: Math.max(1, plot / buckets - 1), height: barHeight }, s('title', { text: n + ' frames' + (row.failing[b] ? ', ' + row.failing[b] + ' failing' : '') + ' at ' + offset(b * bucketMs) })));
      });
      row.closes.forEach(function (t) {
        append(svg, s('line', { class: 'tl-close', x1: x(t), y1: y + 1, x2: x(t), y2: y + 19 }, s('title', { text: row.link + ' closed at ' + offset(t - from) })));
      });
    });
    r.marks.forEach(function (m, i) {
      var color = markColors[m.kind] || '#57606a';
      append(svg, s('line', { class: 'tl-mark', 'data-kind': m.kind, x1: x(m.t), y1: 12 + i * 14, x2: x(m.t), y2: height - foot, stroke: color }));
      append(svg, s('text', { class: 'tl-label', x: x(m.t) + 4, y: 14 + i * 14, fill: color, text: m.kind + ': ' + m.label + ' (' + offset(m.t - r.marks[0].t) + ')' },
        s('title', { text: when(m.t) })));
    });
    append(svg, s('text', { class: 'tl-axis', x: gutter, y: height - 6, text: offset(0) + ' = ' + when(from) }));
    append(svg, s('text', { class: 'tl-axis', x: gutter + plot, y: height - 6, 'text-anchor': 'end', text: offset(span) }));
    return [h('h3', { text: 'Timeline' }), h('div', { class: 'timeline-scroll' }, svg)];
  }
`;
