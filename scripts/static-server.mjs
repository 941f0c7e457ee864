// Serves a built dist/ as any plain static host would: no watcher, no rebuild, no rewrite
// rules. Used by ./scripts/serve (the app as its users get it) and by CI's smoke check.
//   node scripts/static-server.mjs DIR [PORT]
import path from 'node:path';
import fs from 'node:fs';
import { serve } from '../tests/e2e/server.mjs';

const root = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || process.env.PORT || 8080);
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`No index.html in ${root}: build first (trunk build --release).`);
  process.exit(1);
}
const server = await serve(root, { subPath: '/', port, host: '127.0.0.1' });
console.log(`Serving ${root} at ${server.url} (Ctrl-C stops)`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
