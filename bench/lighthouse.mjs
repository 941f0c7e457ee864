// Lighthouse on the first visit (issue 19): `node bench/lighthouse.mjs [dist]`.
//
// Serves dist/ from a sub-path with its brotli copies (as bench/run.mjs's slow first visit
// does), starts Debian's Chromium with the DevTools port open and runs Lighthouse against it,
// BENCH_RUNS times (default 3) per preset: mobile (Lighthouse's default: a Moto G Power's
// screen, 4× slower CPU, 1.6 Mbit/s and 150 ms round trip, simulated) and desktop. Prints the
// medians of each score and metric, and writes bench/lighthouse.json and the table between
// `<!-- lighthouse:start -->` and `<!-- lighthouse:end -->` in BENCHMARKS.md.
//
// Lighthouse is not one of the project's npm packages (it brings 100 MB that CI never needs):
// scripts/setup.sh's need_lighthouse installs 12.2.3, the newest that runs on Node 20, into
// $LIGHTHOUSE_DIR (default ~/.cache/rapport/lighthouse). Chromium runs with the flags that
// keep it from reaching Google's hosts: without them, on a machine with no way out, the
// browser's background requests hang and Lighthouse stops at navigation (PROTOCOL_TIMEOUT).
//
// Lighthouse starts from empty storage, so this is a new user's first visit: the first-run
// screen, not a stored network (bench/run.mjs times that one).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { serve } from '../tests/e2e/server.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
const RUNS = Number(process.env.BENCH_RUNS || 3);
const LH_DIR = process.env.LIGHTHOUSE_DIR || path.join(os.homedir(), '.cache/rapport/lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'First Contentful Paint', 'ms'],
  ['largest-contentful-paint', 'Largest Contentful Paint', 'ms'],
  ['total-blocking-time', 'Total Blocking Time', 'ms'],
  ['cumulative-layout-shift', 'Cumulative Layout Shift', ''],
  ['speed-index', 'Speed Index', 'ms'],
  ['interactive', 'Time to Interactive', 'ms'],
];

async function loadLighthouse() {
  const require = createRequire(path.join(LH_DIR, 'package.json'));
  let entry;
  try {
    entry = require.resolve('lighthouse');
  } catch {
    console.error(`Lighthouse is not installed in ${LH_DIR}: run scripts/bench, or \`npm i -E --prefix ${LH_DIR} lighthouse@12.2.3\``);
    process.exit(2);
  }
  const version = JSON.parse(fs.readFileSync(path.join(LH_DIR, 'node_modules/lighthouse/package.json'), 'utf8')).version;
  const lighthouse = (await import(pathToFileURL(entry).href)).default;
  const desktop = (await import(pathToFileURL(path.join(LH_DIR, 'node_modules/lighthouse/core/config/desktop-config.js')).href)).default;
  return { lighthouse, desktop, version };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startChromium() {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-lh-'));
  const proc = spawn('/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions',
    `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: 'ignore', detached: true });
  // Ready when the DevTools endpoint answers.
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (r.ok) {
        const stop = async () => {
          const exited = new Promise((resolve) => proc.once('exit', resolve));
          // The whole process group: Chromium's helpers otherwise write on into the profile.
          try {
            process.kill(-proc.pid, 'SIGKILL');
          } catch {
            proc.kill('SIGKILL');
          }
          await exited;
          await new Promise((r) => setTimeout(r, 200));
          try {
            fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
          } catch (e) {
            console.error(`left ${profile} behind (${e.code})`);
          }
        };
        return { port, stop };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('Chromium did not open its DevTools port');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { lighthouse, desktop, version } = await loadLighthouse();
const server = await serve(DIST, { precompressed: true });
const results = { taken: new Date().toISOString(), lighthouse: version, runs: RUNS, url: server.url, presets: {} };
try {
  for (const preset of ['mobile', 'desktop']) {
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const chrome = await startChromium();
      try {
        const r = await lighthouse(server.url, { port: chrome.port, output: 'json', logLevel: 'error', maxWaitForLoad: 60000 },
          preset === 'desktop' ? desktop : undefined);
        const lhr = r.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const sample = {};
        for (const c of CATEGORIES) sample[c] = Math.round(lhr.categories[c].score * 100);
        for (const [id] of METRICS) sample[id] = lhr.audits[id].numericValue;
        sample.lcpObserved = lhr.audits.metrics.details.items[0].observedLargestContentfulPaint;
        if (i === 0) results.presets[preset] = { environment: lhr.environment?.networkUserAgent, failing: failing(lhr) };
        samples.push(sample);
        console.log(`${preset} run ${i + 1}: ${CATEGORIES.map((c) => `${c} ${sample[c]}`).join(', ')}; LCP ${Math.round(sample['largest-contentful-paint'])} ms, TBT ${Math.round(sample['total-blocking-time'])} ms`);
      } finally {
        await chrome.stop();
      }
    }
    const med = {};
    for (const k of Object.keys(samples[0])) med[k] = median(samples.map((s) => s[k]));
    Object.assign(results.presets[preset], { median: med, samples });
  }
} finally {
  await server.close();
}

/** The performance audits that lost points, for the note under the table. */
function failing(lhr) {
  return lhr.categories.performance.auditRefs
    .filter((a) => a.weight > 0 && lhr.audits[a.id].score !== null && lhr.audits[a.id].score < 0.9)
    .map((a) => `${lhr.audits[a.id].title} (${lhr.audits[a.id].displayValue})`);
}

const fmt = (id, v) => (id === 'cumulative-layout-shift' ? v.toFixed(3) : `${Math.round(v).toLocaleString('en-US')} ms`);
const rows = [
  ...CATEGORIES.map((c) => [`${c[0].toUpperCase()}${c.slice(1).replace('-', ' ')} score`, ...['mobile', 'desktop'].map((p) => String(results.presets[p].median[c])), c === 'performance' ? '≥ 95 (mobile)' : 'reported']),
  ...METRICS.map(([id, name]) => [name, ...['mobile', 'desktop'].map((p) => fmt(id, results.presets[p].median[id])), 'reported']),
  // What the unthrottled trace saw, before Lighthouse's simulation of the slow phone: which
  // paint was the largest, and when (Lantern then counts every request begun before it).
  ['Largest Contentful Paint as observed (unthrottled trace)', ...['mobile', 'desktop'].map((p) => fmt('lcp', results.presets[p].median.lcpObserved)), 'reported'],
];
const table = ['| figure | mobile | desktop | budget |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const block = `<!-- lighthouse:start -->\nTaken ${results.taken} with Lighthouse ${version} against Chromium (Debian's), medians of ${RUNS} runs per preset, first visit with empty storage (the first-run screen), dist/'s brotli copies served from a sub-path.\n\n${table}\n\nWhat lost points on mobile: ${results.presets.mobile.failing.join('; ') || 'nothing'}.\n<!-- lighthouse:end -->`;
console.log(`\n${table}`);
fs.writeFileSync(path.join(ROOT, 'bench/lighthouse.json'), JSON.stringify(results, null, 2) + '\n');
const md = path.join(ROOT, 'BENCHMARKS.md');
const text = fs.readFileSync(md, 'utf8');
if (text.includes('<!-- lighthouse:start -->')) {
  fs.writeFileSync(md, text.replace(/<!-- lighthouse:start -->[\s\S]*<!-- lighthouse:end -->/, block));
  console.log('wrote bench/lighthouse.json and the Lighthouse table in BENCHMARKS.md');
} else {
  console.log('wrote bench/lighthouse.json (BENCHMARKS.md has no <!-- lighthouse:start --> block)');
}
