// The screen shown when the app panics (and, at the end, one warm-up for the first screen).
// After a panic the Rust runtime can't be trusted, and the Content-Security-Policy forbids
// inline scripts, so this small external file renders the screen and exports straight from
// localStorage. It never writes to storage.
(function () {
'use strict';
// An element with its text and attributes: the panic screen and the failed-load card.
function el(tag, text, attrs) {
  var node = document.createElement(tag);
  if (text) node.textContent = text;
  for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
  return node;
}

(function () {
  function stored() {
    var out = {};
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf('rapport.') === 0) out[key] = localStorage.getItem(key);
      }
    } catch (e) {
      out['(error)'] = String(e);
    }
    return out;
  }
  // A packed value ('#', length and deflated bytes, 15 bits per character; core/src/store/pack.rs) back to
  // its JSON, with the browser's own DecompressionStream. Sealed values ('~…', the passphrase
  // lock) and anything that fails stay as stored.
  function unpack(value) {
    if (value.charAt(0) !== '#' || typeof DecompressionStream === 'undefined') return Promise.resolve(value);
    try {
      var units = [];
      for (var i = 1; i < value.length; i++) units.push(value.charCodeAt(i) - 0x20);
      var lastBits = units.shift();
      var bytes = [];
      var acc = 0;
      var bits = 0;
      for (var j = 0; j < units.length; j++) {
        var width = j === units.length - 1 ? lastBits : 15;
        acc = (acc << width) | (units[j] >> (15 - width));
        bits += width;
        while (bits >= 8) {
          bits -= 8;
          bytes.push((acc >> bits) & 0xff);
        }
        acc &= (1 << bits) - 1;
      }
      // The original length comes first (LEB128), then raw deflate.
      var skip = 0;
      while (bytes[skip] & 0x80) skip++;
      var stream = new Blob([new Uint8Array(bytes.slice(skip + 1))]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).text().catch(function () { return value; });
    } catch (e) {
      return Promise.resolve(value);
    }
  }
  function readable() {
    var raw = stored();
    var keys = Object.keys(raw);
    return Promise.all(keys.map(function (k) { return unpack(raw[k]); })).then(function (values) {
      var out = {};
      keys.forEach(function (k, i) { out[k] = values[i]; });
      return out;
    });
  }
  window.rapportPanic = function (message) {
    try {
      var record = { at: new Date().toISOString(), message: String(message), page: location.hash };
      try { sessionStorage.setItem('rapport-panic', JSON.stringify(record)); } catch (e) {}
      var screen = el('div', null, { class: 'panic', role: 'alertdialog', 'aria-labelledby': 'panic-title' });
      screen.appendChild(el('h1', 'Something went wrong — your data is safe', { id: 'panic-title' }));
      screen.appendChild(el('p', 'Rapport hit an error it could not recover from. Everything you saved is still in this browser; nothing was changed or lost. Reload to carry on, or export your data first.'));
      var actions = el('div', null, { class: 'actions' });
      var reload = el('button', 'Reload Rapport', { type: 'button' });
      reload.addEventListener('click', function () { location.reload(); });
      var exportButton = el('button', 'Export my data (JSON)', { type: 'button', class: 'secondary' });
      exportButton.addEventListener('click', function () {
        readable().then(function (data) {
          var blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
          var a = el('a', null, { href: URL.createObjectURL(blob), download: 'rapport-stored-data-' + new Date().toISOString().slice(0, 10) + '.json' });
          document.body.appendChild(a);
          a.click();
          a.remove();
        });
      });
      actions.appendChild(reload);
      actions.appendChild(exportButton);
      screen.appendChild(actions);
      screen.appendChild(el('h2', 'For a bug report'));
      screen.appendChild(el('p', 'This text describes the error. It holds no personal data unless the error message quotes some.'));
      var details = el('textarea', record.message + '\n\nat ' + record.at + ' on ' + (record.page || '#/'), { readonly: '', rows: '6', 'aria-label': 'Error details' });
      screen.appendChild(details);
      document.body.textContent = '';
      document.body.appendChild(screen);
      reload.focus();
    } catch (e) {
      // Last resort: at least the message.
      document.body.textContent = 'Something went wrong — your data is safe. Reload the page. ' + String(message);
    }
  };
})();

// Not about panics, but this is the one script that runs before the wasm: the first Intl
// object a page makes loads the locale's data, about 30 ms here and four times that on a slow
// phone. Making one now, while the wasm downloads and compiles, takes that out of the task
// that draws the first screen (Today's date is the app's first Intl date). Issue 19.
(function () {
  try {
    var format = new Intl.DateTimeFormat([], { year: 'numeric', month: 'short', day: 'numeric' });
    // The same format fills in the date of the static first screen (index.html, #boot).
    var date = document.getElementById('boot-date');
    if (date) date.textContent = format.format(new Date());
  } catch (e) {
    // No Intl: the app falls back to ISO dates on its own.
  }
})();

// While the static first screen (index.html, #boot) is up, the app has not started: an error
// then means the wasm or its loader could not be fetched or compiled (the connection dropped,
// the host served something else). Say so there, instead of leaving a screen that never wakes.
(function () {
  function failed(event) {
    var boot = document.getElementById('boot');
    if (!boot || boot.getAttribute('data-failed')) return;
    boot.setAttribute('data-failed', 'true');
    var main = boot.querySelector('main');
    if (!main) return;
    var reason = event && (event.reason || event.error || event.message);
    // The question is hidden, not removed: if this was a false alarm and the app mounts after
    // all, a name typed there is still carried over.
    for (var i = 0; i < main.children.length; i++) main.children[i].hidden = true;
    var card = el('div', null, { class: 'card', role: 'alert' });
    card.appendChild(el('h1', 'Rapport could not finish loading'));
    card.appendChild(el('p', 'Part of the app did not arrive, so nothing has opened. Your data in this browser was not touched. Check the connection and reload.'));
    var reload = el('button', 'Reload', { type: 'button' });
    reload.addEventListener('click', function () { location.reload(); });
    card.appendChild(reload);
    if (reason) card.appendChild(el('p', String(reason), { class: 'muted hint' }));
    main.insertBefore(card, main.firstChild);
  }
  // Errors of resources (an <img>, a <link>) don't stop the app; a script's do. A script that
  // failed before this one ran was noted by the script in index.html's <head>.
  // Errors from another origin's script (a browser extension) are not the app's.
  function own(url) {
    return !url || url.indexOf(location.origin + '/') === 0;
  }
  window.addEventListener('error', function (event) {
    var target = event && event.target;
    if (target && target !== window) {
      if (target.tagName === 'SCRIPT' && own(target.src)) failed({ message: 'Could not load ' + (target.src || 'a script') });
      return;
    }
    if (own(event && event.filename)) failed(event);
  }, true);
  window.addEventListener('unhandledrejection', failed);
  if (window.rapportBootFailed) failed({ message: window.rapportBootFailed });
})();

// The static first screen's tabs are real links: one followed before the app runs changes the
// address, so the screen says "Opening Rapport…" instead of Today's question; the app opens
// that page when it mounts. On Today, its tab is marked as the current page, as the app does.
(function () {
  var root = document.documentElement;
  var today = document.querySelector('#boot .boot-today');
  if (today && root.classList.contains('boot-welcome')) today.setAttribute('aria-current', 'page');
  window.addEventListener('hashchange', function () {
    if (!document.getElementById('boot')) return;
    root.classList.remove('boot-welcome');
    root.classList.add('boot-opening');
    if (today) today.removeAttribute('aria-current');
  });
})();
})();
