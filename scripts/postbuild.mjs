// Runs after each Trunk build (see Trunk.toml [[hooks]]), in the staging directory:
// 0. splits the wasm into the main module and the lazily loaded screens (scripts/split.mjs);
// 1. writes the service worker's list of files (the exact hashed names) and a build id made
//    from their contents, so each build has its own cache;
// 2. in release builds, drops index.html's comments and adds the Content-Security-Policy
//    <meta>, with the sha256 of each inline script (Trunk's loader, and the script that picks
//    the static first screen) computed here, after the build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { split } from './split.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) throw new Error('postbuild: no TRUNK_STAGING_DIR');
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const splitResult = split(dir, html, release);
html = splitResult.html;
console.log(splitResult.summary);

if (release) {
  // index.html's comments are for its readers here, not for every first visit.
  html = html.replace(/<!--[\s\S]*?-->/g, '');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "connect-src 'self'",
    "style-src 'self'",
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

// 3. In release builds, precompressed copies for hosts that serve them (`.gz` and `.br` beside
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
