/**
 * The matrices of the HTML report's script: a table per interface and role pair, each cell
 * coloured by the worst verdict of its results and counting each verdict; a click opens the
 * cell's results. It shares the page script's function scope (see html-client.ts): h, clear,
 * append, data, state, badge, worst, bySeverity, cellResults, update. Function declarations only,
 * so it may follow the page script, whose last statements render the page.
 */
export const matricesScript = String.raw`
  // ---- the matrices ----
  function renderMatrices() {
    var root = clear(document.getElementById('matrices'));
    var row = h('div', { class: 'interfaces' });
    append(root, row);
    var byInterface = {};
    var order = [];
    data.grids.forEach(function (grid, g) {
      if (!byInterface[grid.interface]) { byInterface[grid.interface] = []; order.push(grid.interface); }
      byInterface[grid.interface].push(g);
    });
    var shown = 0;
    order.forEach(function (name) {
      var cards = byInterface[name].map(function (g) { return renderGrid(data.grids[g], g); }).filter(Boolean);
      if (!cards.length) return;
      shown += cards.length;
      append(row, h('section', { class: 'interface', 'data-interface': name },
        h('h2', null, data.interfaces[name] || name),
        h('div', { class: 'grids' }, cards)));
    });
    if (!shown) append(root, h('div', { class: 'nothing', text: 'No results match the filters.' }));
    append(root, h('div', { class: 'legend' }, 'Cells take the colour of their worst verdict:',
      data.verdicts.map(function (v) { return badge(v); })));
  }
  function renderGrid(grid, g) {
    var live = grid.rows.map(function (_, row) {
      return grid.columns.map(function (_, column) { return cellResults({ grid: g, row: row, column: column }); });
    });
    var rows = grid.rows.map(function (_, i) { return i; }).filter(function (row) {
      return live[row].some(function (list) { return list.length > 0; });
    });
    var columns = grid.columns.map(function (_, i) { return i; }).filter(function (column) {
      return live.some(function (cells) { return cells[column].length > 0; });
    });
    if (!rows.length) return null;
    var corner = (grid.rowRole || 'vendor') + ' \\ ' + (grid.columnRoles.length ? grid.columnRoles.join(' × ') : 'peer');
    var table = h('table', { class: 'matrix' },
      h('thead', null, h('tr', null, h('th', { class: 'corner', text: corner }),
        columns.map(function (c) { return h('th', { scope: 'col', text: grid.columns[c] }); }))),
      h('tbody', null, rows.map(function (row) {
        return h('tr', null, h('th', { scope: 'row', text: grid.rows[row] }), columns.map(function (column) {
          return renderCell(grid, g, row, column, live[row][column]);
        }));
      })));
    var roles = grid.columnRoles.length
      ? 'rows: ' + grid.rowRole + ' · columns: ' + grid.columnRoles.join(' × ')
      : 'rows: ' + (grid.rowRole || 'vendor') + ' · against the harness test peer';
    return h('div', { class: 'grid-card' }, h('div', { class: 'roles', text: roles }), table);
  }
  function renderCell(grid, g, row, column, list) {
    var label = grid.rows[row] + ' × ' + grid.columns[column];
    if (!list.length) return h('td', { class: 'cell empty', 'data-cell': label, text: '·' });
    var w = worst(list);
    var counts = {};
    list.forEach(function (r) { counts[r.verdict] = (counts[r.verdict] || 0) + 1; });
    var selected = state.cell && state.cell.grid === g && state.cell.row === row && state.cell.column === column;
    var tip = data.verdicts.filter(function (v) { return counts[v]; })
      .map(function (v) { return counts[v] + ' ' + v; }).join(', ');
    var open = function () { openCell({ grid: g, row: row, column: column }); };
    return h('td', { class: 'cell w-' + w + (selected ? ' selected' : ''), tabindex: 0, role: 'button',
      'data-cell': label, 'data-interface': grid.interface, 'data-worst': w, title: label + ': ' + tip,
      onclick: open, onkeydown: function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } } },
      h('div', { class: 'counts' }, data.verdicts.filter(function (v) { return counts[v]; }).map(function (v) {
        return h('span', { class: 'count c-' + v, 'data-verdict': v, 'data-count': counts[v], title: counts[v] + ' ' + v, text: data.symbols[v] + ' ' + counts[v] });
      })));
  }
  function openCell(cell) {
    state.cell = cell;
    var list = cellResults(cell).sort(bySeverity);
    var failing = list.filter(function (r) { return r.verdict === 'fail' || r.verdict === 'error'; })[0];
    state.selected = (failing || list[0] || {}).key || null;
    state.frame = null;
    update();
    var detail = document.getElementById('detail');
    if (detail.scrollIntoView) detail.scrollIntoView({ block: 'nearest' });
  }
`;
