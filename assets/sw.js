// Rapport's service worker: serves the app offline from one cache per build.
//
// The list of files and the build id below are written by scripts/postbuild.mjs after each
// build (the exact hashed file names). A new build is a new cache: the old worker keeps
// serving the old build's files until the page asks the new one to take over, so a page never
// gets a mix of old and new files. Nothing is ever fetched from another origin.
const BUILD = '__RAPPORT_BUILD__';
const FILES = __RAPPORT_FILES__;
const CACHE = `rapport-${BUILD}`;

// A file whose name carries a hash of its contents (the wasm modules, the js) never changes
// under that name: the copy the page has just downloaded, in the browser's HTTP cache, is
// taken as it is, so a first visit does not download the build twice. The rest (index.html,
// the manifest, the icons) is fetched again, to be this build's.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? 'force-cache' : 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('rapport-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting worker to take over when the user chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (request.mode === 'navigate') {
    // Every screen is a fragment of index.html, so any navigation gets this build's page.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(new URL('index.html', scope).href).then((hit) => hit || fetch(request)),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))),
  );
});
