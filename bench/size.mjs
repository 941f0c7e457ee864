// The first load's size, and where the wasm's bytes go (issue 19).
//
//   node bench/size.mjs [dist] [--budget KB] [--raw path/to/rapport.wasm] [--json out.json]
//
// 1. The first load: index.html and every file it names (the loader js, the wasm, a css file if any,
//    panic.js, the icon), each as shipped, gzipped (level 9) and brotli-compressed (quality
//    11), the way bench/run.mjs counts them. The service worker (sw.js, fetched after the first
//    screen) is shown beside it, not in the total.
//    The lazily loaded parts (every other wasm module: one per screen split off, and the chunks
//    those screens share) are listed beside it, each screen with its gzip and brotli size.
// 2. The per-part table: twiggy's list of every function and data segment in the wasm that
//    cargo built (before wasm-bindgen and wasm-opt, so names are still there), summed by the
//    crate or module each belongs to. Shares are of code and data; the names section and
//    wasm-bindgen's own custom section are not shipped and not counted. Then the same table for
//    the main module alone (the wasm split again with wasm-split-cli), beside the whole.
// 3. With --budget, exits 1 when the first load's gzip total is over that many KB (CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const kb = (n) => (n / 1024).toFixed(1);

export function firstLoad(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const named = new Set(['index.html']);
  for (const [, ref] of html.matchAll(/(?:href|src)="\.?\/?([^"?#]+\.(?:js|wasm|css|svg))"/g)) named.add(ref);
  // Trunk's loader imports the wasm by name inside the inline script.
  for (const [, ref] of html.matchAll(/['"]\.?\/?([\w.-]+_bg\.wasm)['"]/g)) named.add(ref);
  const files = {};
  for (const f of named) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) continue;
    const buf = fs.readFileSync(p);
    files[f] = {
      bytes: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  const sum = (k) => Object.values(files).reduce((a, f) => a + f[k], 0);
  return { files, bytes: sum('bytes'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** The wasm modules not in the first load: fetched when a screen is first opened. */
export function lazyParts(dir, load) {
  const compress = (buf) => ({
    bytes: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
  const modules = {};
  let shared = { bytes: 0, gzip: 0, brotli: 0, count: 0 };
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.wasm') || load.files[f]) continue;
    const size = compress(fs.readFileSync(path.join(dir, f)));
    const screen = f.match(/^split_(\w+)-[0-9a-f]{16}\.wasm$/);
    if (screen) modules[screen[1]] = size;
    else {
      for (const k of ['bytes', 'gzip', 'brotli']) shared[k] += size[k];
      shared.count += 1;
    }
  }
  const all = [...Object.values(modules), shared];
  const sum = (k) => all.reduce((a, m) => a + m[k], 0);
  return { modules, shared, bytes: sum('bytes'), gzip: sum('gzip'), brotli: sum('brotli') };
}

// Which part a twiggy item belongs to: the first rule that matches its (demangled) name.
const PARTS = [
  ['sort instantiations (std sort algorithms)', /core::slice::sort|alloc::slice::.*sort|slice::sort::/],
  ['BTreeMap / BTreeSet code', /alloc::collections::btree/],
  ['serde_json', /serde_json/],
  ['serde (derived and runtime)', /serde|_::<impl .*Deserialize|_::<impl .*Serialize/],
  ['Leptos (tachys, reactive_graph, leptos) and its instantiations', /tachys|reactive_graph|leptos|any_spawner|throw_error|or_poisoned|next_tuple|send_wrapper|oco_ref/],
  ['the app: views (pages, components)', /rapport::(pages|components)|rapport::__component|rapport::App/],
  ['the app: state, storage, other', /^rapport::|<rapport::|rapport::/],
  ['core (rapport_core)', /rapport_core/],
  ['chrono, miniz_oxide, aes-gcm', /chrono|miniz_oxide|aes|ghash|ctr::|cipher|polyval|universal_hash/],
  ['csv', /\bcsv/],
  ['wasm-bindgen, js-sys, web-sys', /wasm_bindgen|js_sys|web_sys/],
  ['hash maps (hashbrown, indexmap)', /hashbrown|indexmap|rustc_hash|HashMap|HashSet/],
  ['std (core, alloc, fmt, floats, strings)', /(^|<|\s)(core|alloc|std|__rustc)(\[[0-9a-f]+\])?::|^<(str|char|f64|f32|u\d+|i\d+|usize|isize|\[.*\]|&.*|T as .*)[ >]|dlmalloc|compiler_builtins|memcpy|memset|memmove|memcmp/],
  ['other crates (base64, qrcodegen, strsim, fastrand, float formatting)', /base64|qrcodegen|strsim|fastrand|zmij|ryu|itoa|console_error_panic_hook|gloo|uuid|slotmap|futures|pin_project|paste|tracing/],
];

export function parts(wasm) {
  let out;
  try {
    out = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', wasm], { maxBuffer: 1 << 28, encoding: 'utf8' });
  } catch (e) {
    return { error: `twiggy failed or is missing (${e.code || e.status}); install it with scripts/setup.sh` };
  }
  const rows = out.trim().split('\n').slice(1);
  const sums = new Map(PARTS.map(([name]) => [name, 0]));
  let data = 0;
  let other = 0;
  let total = 0;
  for (const row of rows) {
    // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent: the name may
    // contain commas and quotes; the retained columns are empty in `top`.
    const m = row.match(/^(.*),(\d+),([\d.e-]+),[^,]*,[^,]*$/);
    if (!m) continue;
    const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
    const size = Number(m[2]);
    // Not shipped: names, wasm-bindgen's custom section and its descriptor functions, which
    // wasm-bindgen reads and removes.
    if (/function names|custom section|__wbindgen_describe|^\.\.\. and|^Σ/.test(name)) continue;
    total += size;
    if (/^data segment/.test(name)) {
      data += size;
      continue;
    }
    const part = PARTS.find(([, re]) => re.test(name));
    if (part) sums.set(part[0], sums.get(part[0]) + size);
    else other += size;
  }
  const table = [...sums.entries(), ['data segments (strings, tables)', data], ['other', other]]
    .map(([name, bytes]) => ({ name, bytes, share: bytes / total }))
    .sort((a, b) => b.bytes - a.bytes);
  return { total, table };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const budget = opt('--budget');
  const jsonOut = opt('--json');
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(process.env.HOME || '.', '.cache/rapport/target');
  const raw = opt('--raw') || path.join(targetDir, 'wasm32-unknown-unknown/release/rapport.wasm');
  const dist = args[0] || 'dist';
  const load = firstLoad(dist);
  console.log(`First load from ${dist}/ (what a cold visit fetches before the first screen):`);
  console.log('| file | bytes | gzip | brotli |\n| --- | --- | --- | --- |');
  for (const [f, s] of Object.entries(load.files)) console.log(`| ${f} | ${kb(s.bytes)} KB | ${kb(s.gzip)} KB | ${kb(s.brotli)} KB |`);
  console.log(`| **total** | ${kb(load.bytes)} KB | **${kb(load.gzip)} KB** | ${kb(load.brotli)} KB |`);
  const lazy = lazyParts(dist, load);
  console.log(`\nLazily loaded parts (fetched when a screen is first opened; the service worker then keeps them):`);
  console.log('| module | bytes | gzip | brotli |\n| --- | --- | --- | --- |');
  for (const [m, s] of Object.entries(lazy.modules)) console.log(`| ${m} | ${kb(s.bytes)} KB | ${kb(s.gzip)} KB | ${kb(s.brotli)} KB |`);
  console.log(`| ${lazy.shared.count} chunks shared by some screens | ${kb(lazy.shared.bytes)} KB | ${kb(lazy.shared.gzip)} KB | ${kb(lazy.shared.brotli)} KB |`);
  console.log(`| **all lazy parts** | ${kb(lazy.bytes)} KB | **${kb(lazy.gzip)} KB** | ${kb(lazy.brotli)} KB |`);
  console.log(`First load and every lazy part together: ${kb(load.gzip + lazy.gzip)} KB gzip, ${kb(load.brotli + lazy.brotli)} KB brotli.`);
  const sw = path.join(dist, 'sw.js');
  if (fs.existsSync(sw)) console.log(`(then the service worker, sw.js: ${kb(zlib.gzipSync(fs.readFileSync(sw), { level: 9 }).length)} KB gzip)`);
  let p = null;
  if (fs.existsSync(raw)) {
    p = parts(raw);
    if (p.error) console.log(`\nPer-part table skipped: ${p.error}`);
    else {
      console.log(`\nWhere the wasm's bytes go (twiggy, ${path.basename(raw)} before wasm-bindgen and wasm-opt: ${kb(p.total)} KB of code and data):`);
      console.log('| part | bytes | share |\n| --- | --- | --- |');
      for (const r of p.table) console.log(`| ${r.name} | ${kb(r.bytes)} KB | ${(r.share * 100).toFixed(1)}% |`);
    }
    // The same table for the main module alone (what the first load's wasm holds): the
    // split step's first stage run again on that wasm, without wasm-bindgen and wasm-opt.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-size-'));
    try {
      execFileSync('wasm-split-cli', [raw, path.join(work, 'split')], { stdio: 'ignore' });
      const main = parts(path.join(work, 'split', 'main.wasm'));
      if (!main.error && p && !p.error) {
        const whole = new Map(p.table.map((r) => [r.name, r.bytes]));
        console.log(`\nOf which in the main module (the first load; ${kb(main.total)} KB of code and data before wasm-opt):`);
        console.log('| part | main module | share | whole wasm |\n| --- | --- | --- | --- |');
        for (const r of main.table) console.log(`| ${r.name} | ${kb(r.bytes)} KB | ${(r.share * 100).toFixed(1)}% | ${kb(whole.get(r.name) ?? 0)} KB |`);
        p.main = main;
      }
    } catch (e) {
      console.log(`\nMain-module table skipped: wasm-split-cli failed or is missing (${e.code || e.status})`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  } else console.log(`\nPer-part table skipped: no ${raw} (build the release first)`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ firstLoad: load, lazy, parts: p }, null, 2));
  if (budget !== undefined) {
    const limit = Number(budget);
    if (load.gzip / 1024 > limit) {
      console.error(`\nSize budget exceeded: the first load is ${kb(load.gzip)} KB gzipped, over the ${limit} KB budget.`);
      process.exit(1);
    }
    console.log(`\nSize budget met: ${kb(load.gzip)} KB gzipped, within ${limit} KB.`);
  }
}
