// The background preload's long tasks (issue 19), with the CPU slowed 4x as Lighthouse's
// mobile preset simulates (RATE=1 for this machine's speed). Two visits, BENCH_RUNS times
// each (5 by default), for every dist/ directory given (to pair builds):
// - "first visit": empty storage; the worker settles, 1.5 s pass, one key starts the preload
//   (src/lib.rs); the long tasks from that key until every module is loaded;
// - "with people": the sample network stored, the page reloaded; the long tasks from the
//   app's mount until every module is loaded (Insights and a person's page at once, the
//   others in quiet moments).
// Prints each run's long tasks (the Long Tasks API: over 50 ms) and their blocking time
// (the sum of each task's time over 50 ms).
//   node bench/preload-tasks.mjs dist target/dist-prev
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const RATE = Number(process.env.RATE || 4);
const dirs = process.argv.slice(2);
if (!dirs.length) dirs.push('dist');
const SETTINGS = /\/split_settings-/;

async function visit(browser, url, withPeople) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    const settled = () =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
      });
    let from;
    if (withPeople) {
      await page.goto(url + '#/network');
      await page.locator('#boot').waitFor({ state: 'detached' });
      await settled();
      await page.getByRole('button', { name: 'Try a sample network' }).click();
      await page.getByText('60 people').waitFor();
      await page.waitForTimeout(1500);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
      await page.reload();
      await page.locator('#boot').waitFor({ state: 'detached' });
      from = (await page.evaluate(() => performance.now())) + 5;
    } else {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
      await page.goto(url + '#/today');
      await page.locator('#boot').waitFor({ state: 'detached' });
      await settled();
      await page.waitForTimeout(1500);
      from = await page.evaluate(() => performance.now());
      await page.keyboard.press('Shift');
    }
    await page.waitForFunction((re) => performance.getEntriesByType('resource').some((e) => new RegExp(re).test(e.name)), SETTINGS.source, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    return (await page.evaluate(() => window.__longTasks)).filter(([start]) => start > from).map(([, d]) => d);
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
try {
  for (const dir of dirs) {
    const server = await serve(path.resolve(dir), { precompressed: true });
    try {
      for (const [label, withPeople] of [['first visit', false], ['with people', true]]) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, server.url, withPeople));
        const blocking = runs.map((tasks) => tasks.reduce((a, d) => a + Math.max(0, d - 50), 0));
        const withLong = runs.filter((tasks) => tasks.length).length;
        console.log(
          `${dir}: ${label}, CPU ${RATE}x: runs with a long task ${withLong} of ${RUNS}; blocking per run ${blocking.map((b) => b.toFixed(0)).join(', ')} ms (sum ${blocking.reduce((a, b) => a + b, 0).toFixed(0)}); longest ${Math.max(0, ...runs.flat()).toFixed(0)} ms`,
        );
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
