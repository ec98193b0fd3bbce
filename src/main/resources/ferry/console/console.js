// Ferry's console: polls the JSON API (docs/console.md) and redraws. Every value from the server is put in the
// page as text (textContent), never as HTML: a file named <script> shows as just that.
'use strict';

const params = new URLSearchParams(location.search);
if (params.get('token')) {
  sessionStorage.setItem('ferryToken', params.get('token'));
}
const token = sessionStorage.getItem('ferryToken');

function headers(extra) {
  const h = Object.assign({}, extra || {});
  if (token) h['X-Ferry-Token'] = token;
  return h;
}

async function api(path, method) {
  const post = method === 'POST';
  const res = await fetch(path, { method: method || 'GET', headers: headers(post ? { 'X-Ferry-Console': '1' } : {}) });
  const body = await res.json().catch(() => ({ error: res.status + ' ' + res.statusText }));
  if (!res.ok && !(body && 'ok' in body)) throw new Error(body.error || res.statusText);
  return body;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach(c => tr.appendChild(c instanceof Node ? c : el('td', c)));
  return tr;
}

const drawn = {};

// redraws a table only when its data changed: a row under the operator's pointer stays put between polls
function fill(id, rows, columns, empty, data) {
  const signature = JSON.stringify(data);
  if (drawn[id] === signature) return;
  drawn[id] = signature;
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren(...rows);
  if (!rows.length) {
    const tr = row([]);
    const td = el('td', empty);
    td.colSpan = columns;
    tr.appendChild(td);
    tr.className = 'empty';
    body.appendChild(tr);
  }
}

function bytes(n) {
  if (n === undefined || n === null || n < 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : n) + ' ' + units[i];
}

function time(ms) {
  return ms ? new Date(ms).toLocaleString() : '';
}

function seconds(s) {
  if (s === undefined || s < 0) return '';
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function nameCell(name) {
  return el('td', name, 'name');
}

function draw(o) {
  document.getElementById('instance').textContent = 'instance ' + o.instance;
  document.getElementById('updated').textContent = 'updated ' + new Date(o.time).toLocaleTimeString();
  fill('flows', o.flows.map(f => row([
    el('td', f.id), el('td', f.state, f.state), el('td', f.source || ''), el('td', f.target || ''),
    el('td', f.deliveredToday === undefined ? '' : f.deliveredToday),
    el('td', f.health + (f.healthReason ? ': ' + f.healthReason : ''), f.health)])), 6, 'no flows', o.flows);
  document.getElementById('inFlightCount').textContent = o.inFlight.length;
  fill('inFlight', o.inFlight.map(t => {
    const bar = document.createElement('progress');
    if (t.bytesTotal > 0 && t.bytesDone !== undefined) { bar.max = t.bytesTotal; bar.value = t.bytesDone; }
    const done = el('td', t.bytesDone === undefined ? '' : bytes(t.bytesDone) + ' of ' + bytes(t.bytesTotal), 'done');
    done.dataset.bytes = t.bytesDone === undefined ? '' : t.bytesDone;
    const cell = el('td');
    cell.appendChild(bar);
    return row([el('td', t.flow), nameCell(t.name), cell, done,
      el('td', t.rate === undefined ? '' : bytes(t.rate) + '/s'), el('td', seconds(t.secondsLeft))]);
  }), 6, 'nothing in flight', o.inFlight);
  document.getElementById('waitingCount').textContent = o.waiting.length;
  fill('waiting', o.waiting.map(w => row([el('td', w.flow), nameCell(w.name), el('td', time(w.since)),
    el('td', w.lastReply), el('td', w.attempts), el('td', time(w.nextAttempt))])), 6, 'nothing waiting', o.waiting);
  document.getElementById('failedCount').textContent = o.failed.length;
  fill('failed', o.failed.map(f => {
    const actions = el('td');
    const retry = el('button', 'Retry', 'retry');
    retry.addEventListener('click', () => act(f.id, 'retry'));
    const discard = el('button', 'Discard', 'discard');
    discard.addEventListener('click', () => { if (confirm('Delete ' + f.name + ' for good?')) act(f.id, 'discard'); });
    actions.append(retry, ' ', discard);
    const tr = row([el('td', f.flow), nameCell(f.name), el('td', f.reason), el('td', f.attempts), el('td', time(f.updated)), actions]);
    tr.dataset.id = f.id;
    return tr;
  }), 6, 'no failed files', o.failed);
}

async function act(id, action) {
  try {
    const result = await api('/api/files/' + encodeURIComponent(id) + '/' + action, 'POST');
    document.getElementById('actionResult').textContent = result.message;
  } catch (e) {
    document.getElementById('actionResult').textContent = action + ' failed: ' + e.message;
  }
  refresh();
}

async function refresh() {
  try {
    draw(await api('/api/overview'));
    document.getElementById('error').textContent = '';
  } catch (e) {
    document.getElementById('error').textContent = 'Ferry does not answer: ' + e.message;
  }
}

async function journey(event) {
  event.preventDefault();
  const name = document.getElementById('journeyName').value;
  const box = document.getElementById('journey');
  try {
    const files = await api('/api/journey?name=' + encodeURIComponent(name));
    box.replaceChildren(...files.map(f => {
      const div = el('div', null, 'journey');
      div.appendChild(el('strong', f.flow + ': '));
      div.appendChild(el('span', f.name, 'name'));
      const list = el('ol');
      f.events.forEach(e => list.appendChild(el('li', time(e.at) + '  ' + e.event
        + (e.detail ? ': ' + e.detail : '') + (e.bytes !== undefined ? ', ' + bytes(e.bytes) : '')
        + (e.durationMillis !== undefined ? ', ' + e.durationMillis + ' ms' : ''))));
      div.appendChild(list);
      return div;
    }));
    if (!files.length) box.replaceChildren(el('p', 'no file matches', 'muted'));
  } catch (e) {
    box.replaceChildren(el('p', e.message, 'bad'));
  }
}

document.getElementById('journeyForm').addEventListener('submit', journey);
refresh();
setInterval(refresh, 1000);
