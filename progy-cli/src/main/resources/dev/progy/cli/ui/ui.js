// progy ui: a little script over pages that work without it. Run streams its output (Server-Sent Events),
// the page hears runs started on save, and keys: r = run, h = hint, n / p = next / previous exercise.
(function () {
  'use strict';
  var split = document.querySelector('[data-exercise]');
  // a page being open is what keeps progy ui running; an exercise page's event stream says so by itself
  if (!split) {
    setInterval(function () { fetch('/heartbeat', { method: 'POST', headers: { 'X-Progy-Fetch': '1' } }); }, 30000);
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'))) {
      return;
    }
    var click = { r: '#run', h: '#hint', n: 'a[rel=next]', p: 'a[rel=prev]', m: 'a.brand' }[e.key];
    var el = click && document.querySelector(click);
    if (el) { e.preventDefault(); el.click(); }
  });
  if (!split) { return; }
  var id = split.getAttribute('data-exercise');
  var live = document.getElementById('live');
  var result = document.getElementById('result');
  var runButton = document.getElementById('run');
  var events = new EventSource('/events?id=' + encodeURIComponent(id));
  events.onopen = function () { document.body.setAttribute('data-live', 'open'); };
  events.onerror = function () { document.body.setAttribute('data-live', 'lost'); };
  events.addEventListener('started', function () {
    live.textContent = '';
    live.hidden = false;
    runButton.disabled = true;
    runButton.textContent = 'Running…';
  });
  events.addEventListener('output', function (e) {
    live.hidden = false;
    live.textContent += JSON.parse(e.data);
    live.scrollTop = live.scrollHeight;
  });
  events.addEventListener('result', function (e) {
    result.innerHTML = JSON.parse(e.data);
    var none = document.getElementById('no-result');
    if (none) { none.remove(); }
    live.hidden = true;
    runButton.disabled = false;
    runButton.textContent = 'Run';
    var verdict = result.querySelector('.verdict');
    if (verdict) { verdict.setAttribute('tabindex', '-1'); }
    refreshStanding();
  });
  // XP, streak and the exercise's status change with a run: taken from the page as the server now draws it
  function refreshStanding() {
    fetch(location.pathname + location.search).then(function (r) { return r.text(); }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, 'text/html');
      ['.stats', 'h1 .badge', '.crumbs'].forEach(function (sel) {
        var now = document.querySelector(sel), next = fresh.querySelector(sel);
        if (now && next) { now.replaceWith(next); }
      });
    });
  }
  events.addEventListener('problem', function (e) {
    live.hidden = false;
    live.textContent += '\n' + JSON.parse(e.data) + '\n';
    runButton.disabled = false;
    runButton.textContent = 'Run';
  });
  document.getElementById('run-form').addEventListener('submit', function (e) {
    e.preventDefault();
    fetch(this.action, { method: 'POST', headers: { 'X-Progy-Fetch': '1' } }).then(function (r) {
      if (r.status === 409) {
        r.text().then(function (t) {
          live.hidden = false;
          live.textContent = t === 'busy' || t === 'running' ? 'Another run is going on.' : t;
        });
      }
    });
  });
  // "open in editor" without leaving the page
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f.getAttribute('action') !== '/open') { return; }
    e.preventDefault();
    fetch('/open', { method: 'POST', headers: { 'X-Progy-Fetch': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(f)) }).then(function (r) {
      if (r.status !== 204) { return r.text().then(function (t) { alert(t); }); }
    });
  });
})();
