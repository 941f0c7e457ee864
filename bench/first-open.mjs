// A new visitor's first lazily loaded screen: a first visit with empty storage, the service
// worker settled, 2 s of reading without input, then Insights or Settings opened from the
// navigation. Prints the time from the click to the screen's heading painted (median of
// BENCH_RUNS fresh visits, 5 by default), with the CPU slowed 4x as Lighthouse's mobile preset
// simulates (RATE=1 for this machine's speed). Give several dist/ directories to pair builds:
//   node bench/first-open.mjs dist target/dist-prev
// (BENCHMARKS.md, "Lighthouse, first visit": what deferring the first visit's preload costs.)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const RATE = Number(process.env.RATE || 4);
const dirs = process.argv.slice(2);
if (!dirs.length) dirs.push('dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
try {
  for (const dir of dirs) {
    const server = await serve(path.resolve(dir), { precompressed: true });
    try {
      for (const [link, heading] of [['Insights', 'Insights'], ['Settings', 'Settings']]) {
        const times = [];
        for (let i = 0; i < RUNS; i++) {
          const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
          try {
            const page = await context.newPage();
            const cdp = await context.newCDPSession(page);
            await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
            await page.goto(server.url + '#/today');
            await page.getByRole('navigation', { name: 'Main' }).waitFor();
            await page.locator('#boot').waitFor({ state: 'detached' });
            await page.evaluate(async () => {
              await navigator.serviceWorker.ready;
              if (!navigator.serviceWorker.controller) {
                await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
              }
            });
            await page.waitForTimeout(2000);
            times.push(
              await page.evaluate(async ([link, heading]) => {
                const a = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((e) => e.textContent.trim() === link);
                if (!a) throw new Error(`no ${link} link`);
                const t0 = performance.now();
                a.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
                a.click();
                for (;;) {
                  await new Promise((r) => requestAnimationFrame(r));
                  const h = document.querySelector('main h1');
                  if (h && h.textContent.trim().startsWith(heading)) break;
                }
                // Just after the frame that shows it is painted.
                await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
                return performance.now() - t0;
              }, [link, heading]),
            );
          } finally {
            await context.close();
          }
        }
        console.log(`${dir}: ${link}, click to painted, CPU ${RATE}x: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')})`);
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
