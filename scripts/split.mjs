// Splits the wasm Trunk has just built into the main module and one module per lazily loaded
// screen (issue 19; the split points are in src/screens.rs), in Trunk's staging directory.
//
// Trunk 0.21 builds with cargo, runs wasm-bindgen and names the files; it cannot split. This
// step, run by scripts/postbuild.mjs, starts again from the wasm cargo built (linked with
// `--emit-relocs`, see .cargo/config.toml):
//   1. wasm_split_cli (crate wasm_split_cli_support) moves the code only a split point reaches
//      into that point's module, and code shared by some split points (not the main module)
//      into shared chunks; it writes the JavaScript that fetches them (`__wasm_split.js`).
//   2. wasm-bindgen (the Cargo.lock version) binds the main module, keeping the exports the
//      split modules import from it (`--keep-lld-exports`).
//   3. In release builds, wasm-opt -Oz shrinks every module.
//   4. Every file is named after a hash of all of them (`-<16 hex>`), the names are written into
//      the JavaScript and index.html, and index.html's integrity hashes are computed again.
//      A build is one set of names: an old split module is never loaded beside a new main one.
//   5. In release builds, terser minifies the two JavaScript files.
// Any failure stops the build: a build that is half split would fail at run time.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { minify } from 'terser';

const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  } catch (e) {
    throw new Error(`split: ${cmd} ${args.join(' ')} failed (${e.status ?? e.code}):\n${e.stderr || e.message}`);
  }
}

/**
 * `code` minified by terser (release builds; see step 5). `module`: an ES module. Property
 * names are kept: the wasm's imports are looked up by them.
 */
export async function minifyJs(code, what, { module = false } = {}) {
  const out = await minify(code, { module, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error(`terser returned nothing for ${what}`);
  return out.code;
}

/** The wasm cargo built for this profile (Trunk builds the `rapport` binary). */
function cargoWasm(release) {
  const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline']));
  const file = path.join(meta.target_directory, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'rapport.wasm');
  if (!fs.existsSync(file)) throw new Error(`split: ${file} is missing`);
  return file;
}

const sri = (body) => `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`;

/**
 * Splits in `dir` (Trunk's staging directory) and rewrites `html` (its index.html).
 * Returns the new html and a summary of the modules.
 */
export async function split(dir, html, release) {
  const names = fs.readdirSync(dir);
  const js = names.find((n) => /^rapport-[0-9a-f]+\.js$/.test(n));
  const wasm = names.find((n) => /^rapport-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!js || !wasm) throw new Error(`split: Trunk's rapport-*.js and rapport-*_bg.wasm not found in ${dir}`);
  const input = cargoWasm(release);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-split-'));
  try {
    const out = path.join(work, 'split');
    run('wasm-split-cli', [input, out]);
    const mainWasm = path.join(out, 'main.wasm');
    const pkg = path.join(work, 'pkg');
    run('wasm-bindgen', [
      mainWasm,
      '--out-dir', pkg,
      '--out-name', 'rapport',
      '--target', 'web',
      '--no-typescript',
      '--keep-lld-exports',
      ...(release ? [] : ['--debug', '--keep-debug']),
    ]);
    const linker = fs.readFileSync(path.join(out, '__wasm_split.js'), 'utf8');
    const parts = fs.readdirSync(out).filter((n) => n.endsWith('.wasm') && n !== 'main.wasm').sort();
    if (!parts.some((n) => n.startsWith('split_'))) throw new Error('split: no split points found (was the `split` feature on?)');
    const modules = [['rapport_bg.wasm', path.join(pkg, 'rapport_bg.wasm')], ...parts.map((n) => [n, path.join(out, n)])];
    // RAPPORT_SPLIT_OPT=0 skips wasm-opt (faster, names kept: for looking into a split build).
    if (release && process.env.RAPPORT_SPLIT_OPT !== '0') {
      for (const [, file] of modules) run('wasm-opt', ['-Oz', ...WASM_FEATURES, file, '-o', file]);
    }
    let mainJs = fs.readFileSync(path.join(pkg, 'rapport.js'), 'utf8');
    if (!mainJs.includes('from "./__wasm_split.js"')) throw new Error('split: the bound JavaScript does not import __wasm_split.js');
    if (!linker.includes('from "./main.js"')) throw new Error('split: __wasm_split.js does not import ./main.js');

    // One hash over every output names them all.
    const hash = crypto.createHash('sha256');
    hash.update(mainJs).update(linker);
    for (const [name, file] of modules) hash.update(name).update(fs.readFileSync(file));
    const id = hash.digest('hex').slice(0, 16);
    const named = (n) => n.replace(/\.wasm$/, `-${id}.wasm`);
    const mainName = `rapport-${id}.js`;
    const wasmName = `rapport-${id}_bg.wasm`;
    const linkerName = `rapport-split-${id}.js`;

    // The loader instantiates with `instantiateStreaming`, which needs the host to serve .wasm
    // as application/wasm; like wasm-bindgen's own loader, fall back to compiling the bytes
    // when it does not, and name the file when the response is an error.
    // wasm-split-cli 0.2.4 has been seen writing its loader two ways (the crate as published
    // on different days): one shared fetcher (`fetch(srcUrl)`, `return await …`), or one
    // fetcher per module (`fetch(new URL(…))` that already catches, and `return async
    // (imports) => (…)`). Both are patched to the same behaviour; anything else stops the build.
    const instantiate = (indent) => `const response = await src;
${indent}if (!response.ok) throw new Error(\`\${response.status} \${response.url}\`);
${indent}try {
${indent}    return await WebAssembly.instantiateStreaming(response.clone(), imports);
${indent}} catch (e) {
${indent}    if ((response.headers.get('Content-Type') || '').startsWith('application/wasm')) throw e;
${indent}    return await WebAssembly.instantiate(await response.arrayBuffer(), imports);
${indent}}`;
    const shared = 'return await WebAssembly.instantiateStreaming(src, imports);';
    const perModule = 'return async (imports) => (WebAssembly.instantiateStreaming(src, imports));';
    let linkerOut;
    if (linker.includes(shared)) {
      linkerOut = linker.replace(shared, instantiate('            '));
      // The module's fetch starts beside its dependencies'; when one of those fails first,
      // this one is never awaited, and its failure would surface as an unhandled rejection.
      const fetching = 'const src = fetch(srcUrl);';
      if (!linkerOut.includes(fetching)) throw new Error('split: the loader does not fetch as expected');
      linkerOut = linkerOut.replace(fetching, `${fetching}\n        src.catch(() => {});`);
    } else if (linker.includes(perModule)) {
      if (linker.split(perModule).length !== linker.split('src.catch(() => {});').length) {
        throw new Error('split: the loader does not catch every fetch as expected');
      }
      linkerOut = linker.replaceAll(perModule, `return async (imports) => {\n        ${instantiate('        ')}\n    };`);
    } else {
      throw new Error('split: the loader does not instantiate as expected');
    }
    // A module's loader starts the fetch of every chunk it needs at once, in one task: 24-37
    // fetches for one module, a long task of its own on a phone (159 ms with the CPU slowed
    // 4x, most of it in fetch() and the loader; issue 19). Each fetch now starts in a task of
    // its own, yielding to the page between them (scheduler.yield where the browser has it,
    // else a message to itself, which no timer clamping delays).
    const starting = `const parallelStuff = deps.map(d => d());
        const instantiate = fetcher();`;
    if (linkerOut.split(starting).length === 2) {
      linkerOut = linkerOut.replace(
        starting,
        `const instantiate = fetcher();
        const parallelStuff = [];
        for (const d of deps) {
            await yieldToPage();
            parallelStuff.push(d());
        }`,
      );
      linkerOut = linkerOut.replace(
        'function makeLoad(',
        `function yieldToPage() {
    if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
    return new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
    });
}
function makeLoad(`,
      );
    } else {
      console.warn('split: the loader does not start its chunks\' fetches as expected; they start in one task');
    }
    linkerOut = linkerOut.replace('from "./main.js"', `from "./${mainName}"`);
    for (const n of parts) {
      const quoted = `"./${n}"`;
      if (!linkerOut.includes(quoted)) throw new Error(`split: __wasm_split.js does not name ${n}`);
      linkerOut = linkerOut.replaceAll(quoted, `"./${named(n)}"`);
    }
    // Only the JavaScript imports move: the wasm's own import module name stays, as the key of
    // the imports object.
    mainJs = mainJs.replaceAll(/^import \* as (\w+) from "\.\/__wasm_split\.js"/gm, `import * as $1 from "./${linkerName}"`);
    if (!mainJs.includes(linkerName)) throw new Error('split: could not rename the import of __wasm_split.js');

    // 5. In release builds, the two JavaScript files are minified (terser, from npm): the
    //    bound JavaScript is 75 KB as wasm-bindgen writes it, with comments and long names, and
    //    it is in the first load (issue 19). Property names are kept: the wasm's imports are
    //    looked up by them.
    if (release) {
      mainJs = await minifyJs(mainJs, mainName, { module: true });
      linkerOut = await minifyJs(linkerOut, linkerName, { module: true });
      if (!mainJs.includes(linkerName)) throw new Error('split: minifying lost the import of the split loader');
    }

    for (const old of [js, wasm]) fs.rmSync(path.join(dir, old));
    fs.writeFileSync(path.join(dir, mainName), mainJs);
    fs.writeFileSync(path.join(dir, linkerName), linkerOut);
    fs.copyFileSync(modules[0][1], path.join(dir, wasmName));
    for (const n of parts) fs.copyFileSync(path.join(out, n), path.join(dir, named(n)));

    // index.html: the loader and the preloads name the new files, with their integrity.
    const count = (s, sub) => s.split(sub).length - 1;
    if (count(html, `./${js}`) < 1 || count(html, `./${wasm}`) < 1) throw new Error('split: index.html does not name Trunk files');
    html = html.replaceAll(`./${js}`, `./${mainName}`).replaceAll(`./${wasm}`, `./${wasmName}`);
    html = html.replace(
      /(<link rel="(?:modulepreload|preload)" href="\.\/([^"]+)"[^>]*?integrity=")[^"]*(")/g,
      (m, a, file, b) => `${a}${sri(fs.readFileSync(path.join(dir, file)))}${b}`,
    );
    // The split modules' loader is imported by the main JavaScript: preload it beside it, so
    // the first visit does not wait one more round trip for it.
    const preload = `<link rel="modulepreload" href="./${linkerName}" crossorigin="anonymous" integrity="${sri(linkerOut)}">`;
    html = html.replace(/(<link rel="modulepreload" href="\.\/rapport-[0-9a-f]{16}\.js"[^>]*>)/, `$1${preload}`);
    if (!html.includes(linkerName)) throw new Error('split: could not preload the split loader');

    const size = (n) => fs.statSync(path.join(dir, n)).size;
    const lazy = parts.map(named).reduce((a, n) => a + size(n), 0);
    return {
      html,
      summary: `split: main ${Math.round(size(wasmName) / 1024)} KB, ${parts.length} lazily loaded modules ${Math.round(lazy / 1024)} KB (uncompressed)`,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

