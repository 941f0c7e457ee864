// A small static server for dist/, mounted under a sub-path to prove the build works from
// any sub-path of a plain static host with no rewrite rules.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export const SUB_PATH = '/some/path/';

// With `precompressed`, a request that accepts brotli or gzip gets the `.br` or `.gz` copy
// beside the file when there is one (as a host serving dist/'s copies does): the throttled
// first-visit benchmark.
export async function serve(root, { subPath = SUB_PATH, port = 0, host = '127.0.0.1', precompressed = false } = {}) {
  // Requests per path, for journeys that count what a visit downloads.
  const hits = new Map();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    if (!url.pathname.startsWith(subPath)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = decodeURIComponent(url.pathname.slice(subPath.length)) || 'index.html';
    const full = path.resolve(root, file);
    if (!full.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const type = TYPES[path.extname(full)] ?? 'application/octet-stream';
      const accepts = String(req.headers['accept-encoding'] ?? '');
      for (const [encoding, ext] of precompressed ? [['br', '.br'], ['gzip', '.gz']] : []) {
        if (!accepts.includes(encoding)) continue;
        const body = await fs.readFile(full + ext).catch(() => null);
        if (!body) continue;
        res.writeHead(200, { 'content-type': type, 'content-encoding': encoding, vary: 'accept-encoding' });
        res.end(body);
        return;
      }
      const body = await fs.readFile(full);
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address().port;
  return {
    url: `http://${host}:${bound}${subPath}`,
    hits,
    // Browsers keep connections open: drop them, so the server really stops (offline tests).
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
