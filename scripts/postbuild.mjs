// Runs after each Trunk build (see Trunk.toml [[hooks]]), in the staging directory:
// 0. splits the wasm into the main module and the lazily loaded screens (scripts/split.mjs);
// 1. writes the service worker's list of files (the exact hashed names) and a build id made
//    from their contents, so each build has its own cache;
// 2. inlines the stylesheet and starts the main wasm's download from index.html's own script,
//    after the first paint on the first-run screen and at once otherwise (below);
// 3. in release builds, drops index.html's comments and adds the Content-Security-Policy
//    <meta>, with the sha256 of each inline script (Trunk's loader, the script that picks the
//    static first screen, the one that starts the download) and of the inlined stylesheet,
//    computed here, after the build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minifyJs, split } from './split.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error('postbuild: no TRUNK_STAGING_DIR');
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const splitResult = await split(dir, html, release);
html = splitResult.html;
console.log(splitResult.summary);

// In release builds, panic.js (which reports a failed load or a crash) is minified like the
// bound JavaScript (scripts/split.mjs): it is in the first load.
if (release) {
  const panicJs = path.join(dir, 'panic.js');
  fs.writeFileSync(panicJs, await minifyJs(fs.readFileSync(panicJs, 'utf8'), 'panic.js'));
}

// The first paint comes before the wasm download starts (issue 19, Lighthouse):
// - The stylesheet is inlined, so painting index.html's static first screen waits for no
//   other request (a round trip less on a slow connection). The CSP carries its hash.
// - Trunk's `<link rel="preload">` of the main wasm goes, and on the first-run screen the
//   wasm is fetched after the first contentful paint (below).
//   Lighthouse's simulated Largest Contentful Paint counts every request begun before the
//   observed paint, so a preload that starts before it makes the static screen's paint wait
//   for 430 KB it does not need.
//   A hidden tab paints nothing: there the fetch starts at once, or after a second. Where
//   the service worker controls the page (every visit after the first), the wasm comes from
//   its cache, not the network, and the fetch does not wait: a warm start pays nothing.
const cssLink = /<link rel="stylesheet" href="\.\/(main-[0-9a-f]{16}\.css)"[^>]*>/;
const cssMatch = html.match(cssLink);
if (!cssMatch) throw new Error('postbuild: no stylesheet link to inline');
let css = fs.readFileSync(path.join(dir, cssMatch[1]), 'utf8');
// Its comments are for its readers here (the stylesheet has no strings that hold "/*").
if (release) css = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n/g, '\n');
if (/<\/style/i.test(css)) throw new Error('postbuild: the stylesheet contains </style');
html = html.replace(cssLink, () => `<style>${css}</style>`);
fs.rmSync(path.join(dir, cssMatch[1]));
const wasmPreload = /<link rel="preload" href="\.\/rapport-[0-9a-f]{16}_bg\.wasm"[^>]*>/;
if (!wasmPreload.test(html)) throw new Error('postbuild: no wasm preload to drop');
html = html.replace(wasmPreload, '');
// The download starts from a classic inline script at the end of <head>, not from Trunk's
// module script: a module script runs only once the bound JavaScript it imports has arrived,
// a round trip and 9 KB later (on the slow first visit, 1.6 Mbit/s and 150 ms, the wasm was
// requested at 520-580 ms against a first paint at 250-300 ms). The inline script sets
// `window.rapportWasm` at once to a promise of the response; the module script hands that
// to `init` (wasm-bindgen awaits a promised Response as it does a URL), or the URL itself if
// the inline script did not run. The fetch waits for the first paint only where the static
// screen is the first-run question (`boot-welcome`, set by index.html's script before it):
// that is the paint Lighthouse's simulation would make wait for the wasm. "Opening Rapport…"
// (data stored, or another page) gains nothing from waiting, so there it starts at once.
const initCall = /const wasm = await init\(\{ module_or_path: '(\.\/rapport-[0-9a-f]{16}_bg\.wasm)' \}\);/;
const initMatch = html.match(initCall);
if (!initMatch || html.split(initMatch[0]).length !== 2) throw new Error('postbuild: the loader has no single init call');
const wasmUrl = initMatch[1];
html = html.replace(
  initCall,
  () =>
    `const wasm = await init({ module_or_path: window.rapportWasm || '${wasmUrl}' })` +
    '.catch((e) => { window.rapportBootFailed = window.rapportBootFailed || String(e); throw e; });',
);
// On the first-run screen it waits for the browser's own first-contentful-paint entry, not
// for animation frames: frames can run before the static screen is painted (the parser
// yields, Chromium holds the first paints), and a wait of two frames started the fetch
// 30-40 ms before the paint (a journey caught it). A second at most, for browsers that never
// report the paint; at once in a hidden tab, which paints nothing.
const earlyFetch =
  '<script>window.rapportWasm=new Promise(function(go){' +
  "if(!document.documentElement.classList.contains('boot-welcome')||document.visibilityState==='hidden'||(navigator.serviceWorker&&navigator.serviceWorker.controller))return go();" +
  "setTimeout(go,1000);try{new PerformanceObserver(function(l){if(l.getEntriesByName('first-contentful-paint').length)go()}).observe({type:'paint',buffered:true})}catch(e){}" +
  `}).then(function(){return fetch('${wasmUrl}')});</script>`;
// Any failure of `init` (the fetch above failed, or a wasm that does not compile: a host's 404
// page) is noted in `window.rapportBootFailed` by the loader's catch (above), as a script that
// fails to load is noted by index.html's first script: it can come before panic.js (deferred,
// after the loader) has run to hear the error, and panic.js reports a noted failure when it
// runs. A journey holds panic.js back to check it.
// At the end of <head>, after the script that picks the static screen, so that
// "Opening Rapport…" starts the download as soon as the head is parsed.
const picker = html.indexOf("c='boot-welcome'");
if (html.split('</head>').length !== 2 || picker < 0 || picker > html.indexOf('</head>')) {
  throw new Error('postbuild: no single </head>, or no script in <head> before it that picks the static screen');
}
html = html.replace('</head>', () => `  ${earlyFetch}\n  </head>`);

if (release) {
  // index.html's comments are for its readers here, not for every first visit.
  html = html.replace(/<!--[\s\S]*?-->/g, '');
  const sha = (body) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`;
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, body]) => sha(body));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, body]) => sha(body));
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "connect-src 'self'",
    `style-src 'self' ${styles.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ].join('; ');
  html = html.replace(/<meta charset="utf-8" ?\/?>/, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
  if (!html.includes('Content-Security-Policy')) throw new Error('postbuild: could not add the CSP meta');
}
fs.writeFileSync(indexPath, html);

const files = [];
const walk = (sub) => {
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(rel);
    else if (rel !== 'sw.js') files.push(rel);
  }
};
walk('');
files.sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
const build = hash.digest('hex').slice(0, 16);
const precache = ['./', ...files.map((f) => `./${f}`)];
const swPath = path.join(dir, 'sw.js');
const sw = fs.readFileSync(swPath, 'utf8');
if (!sw.includes('__RAPPORT_FILES__')) throw new Error('postbuild: sw.js has no file list placeholder');
fs.writeFileSync(swPath, sw.replace('__RAPPORT_BUILD__', build).replace('__RAPPORT_FILES__', JSON.stringify(precache)));
console.log(`postbuild: build ${build}, ${precache.length} files precached${release ? ', CSP added' : ''}`);

// 4. In release builds, precompressed copies for hosts that serve them (`.gz` and `.br` beside
//    each text or wasm file). They are written after the service worker's list, so they are
//    never precached: the service worker keeps the files themselves.
if (release) {
  const zlib = await import('node:zlib');
  let gz = 0;
  let br = 0;
  for (const f of [...files, 'sw.js'].filter((f) => /\.(wasm|js|css|html|svg|json|webmanifest)$/.test(f))) {
    const body = fs.readFileSync(path.join(dir, f));
    const g = zlib.gzipSync(body, { level: 9 });
    const b = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    fs.writeFileSync(path.join(dir, `${f}.gz`), g);
    fs.writeFileSync(path.join(dir, `${f}.br`), b);
    gz += g.length;
    br += b.length;
  }
  console.log(`postbuild: precompressed copies, ${Math.round(gz / 1024)} KB gzip and ${Math.round(br / 1024)} KB brotli in all`);
}
