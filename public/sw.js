// Sentra's service worker. tools/precache.mjs fills in BUILD_ID and PRECACHE at build time from
// the files Trunk built; this template is never used as it is (the hook fails if it cannot fill it).
//
// - install: cache exactly the built files under a cache named after the build;
// - the new version then waits: it takes over only when the page posts "skip-waiting", which it
//   does when the officer agrees to update;
// - activate: delete older Sentra caches and take control of open pages;
// - fetch: every navigation (any route) gets the cached index.html, so the app opens with no
//   network and on a slow one alike; other requests come from the cache, else the network,
//   except the office hub's API (/api/), which is left to the network;
// - region files (/wilayah/<data version>/...) are fetched when first needed and kept in their
//   own cache, which outlives app updates (the data rarely changes) but drops other data versions;
// - the workbook reader (import_worker*, issue 16) is not precached: fetched when an officer first
//   opens a workbook, then kept in this build's cache, so it works offline from then on;
// - a file shared to the installed app from another app (manifest share_target: a POST of
//   multipart form data to /bagikan) is kept in a cache of its own under a fresh id, and the
//   browser is sent on to /bagikan?terima=<id> (an office's Excel or CSV list: /impor?terima=<id>),
//   where the page takes the file out of that cache (src/web/files.rs) and shows its preview. The app's IndexedDB is never touched here.
"use strict";

const BUILD_ID = "__SENTRA_BUILD_ID__";
const PRECACHE = ["__SENTRA_PRECACHE__"];
const DATA_VERSION = "__SENTRA_DATA_VERSION__";
const CACHE = `sentra-${BUILD_ID}`;
const REGION_CACHE = "sentra-wilayah";
const REGION_PREFIX = `/wilayah/${DATA_VERSION}/`;
// Files shared to the app, each kept until the Bagikan page takes it (src/web/files.rs reads
// the same names).
const RECEIVED_CACHE = "sentra-diterima";
const RECEIVED_PREFIX = "/diterima/";
const SHARE_ACTION = "/bagikan";
const API_PREFIX = "/api/";
// A shared file that is an office's list (src/web/pages/impor.rs), by its name or type.
const SHEET = /\.(xlsx|xls|ods|csv|tsv)$/i;
const SHEET_TYPE = /spreadsheet|ms-excel|text\/csv/;
// Parts of the app fetched when first used and then kept (tools/precache.mjs leaves them out).
const LAZY = /^\/import_worker(_loader)?(\.js|_bg\.wasm)$/;
// A shared file the page never took (closed before it loaded) is dropped after a day.
const RECEIVED_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const SHELL = PRECACHE.find((url) => url.endsWith("/index.html"));

// Trunk's content-hashed files (name-<hash>.js, _bg.wasm, .css): a name is its content. The hash
// is 64 bits written without leading zeros, so up to 16 hex digits (15 in one build of 16).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(
        PRECACHE.map(
          (url) =>
            // A hashed file may come from the browser's HTTP cache, where the page that registered
            // this worker has just put it: the first visit downloads the app once, not twice. Any
            // other file is fetched anew ("reload"), never taken from an older build's copy.
            new Request(url, { cache: HASHED.test(url) ? "default" : "reload" })
        )
      )
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const kept = [CACHE, REGION_CACHE, RECEIVED_CACHE];
        if (name.startsWith("sentra-") && !kept.includes(name)) await caches.delete(name);
      }
      const regions = await caches.open(REGION_CACHE);
      for (const request of await regions.keys()) {
        if (!new URL(request.url).pathname.startsWith(REGION_PREFIX)) await regions.delete(request);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "build-id" && event.ports[0]) event.ports[0].postMessage(BUILD_ID);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The office hub's API (served beside the app) is the network's: never a cached answer, and
  // not passed through here (every pulled page would stream through the worker).
  if (url.pathname.startsWith(API_PREFIX)) return;
  if (request.method === "POST" && url.pathname === SHARE_ACTION) {
    event.respondWith(receiveShared(request));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fromCache(SHELL).then((hit) => hit || fetch(request)));
    return;
  }
  if (url.pathname.startsWith(REGION_PREFIX)) {
    event.respondWith(keptOnceFetched(REGION_CACHE, request));
    return;
  }
  if (LAZY.test(url.pathname)) {
    event.respondWith(keptOnceFetched(CACHE, request));
    return;
  }
  event.respondWith(fromCache(request).then((hit) => hit || fetch(request)));
});

// From the cache, else from the network and then kept.
async function keptOnceFetched(name, request) {
  const cache = await caches.open(name);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request);
}

// A file shared from another app: kept under a fresh id, then a 303 sends the browser to the
// Bagikan page with that id (a GET, so reloading the page does not post the file again). With
// no file, or one that could not be kept, the id is empty and the page says so.
async function receiveShared(request) {
  let id = "";
  try {
    const form = await request.formData();
    const file = form.getAll("berkas").find((part) => typeof part !== "string");
    if (file) {
      const cache = await caches.open(RECEIVED_CACHE);
      const now = Date.now();
      for (const key of await cache.keys()) {
        const kept = await cache.match(key);
        if (!(now - Number(kept?.headers.get("x-diterima")) < RECEIVED_MAX_AGE_MS)) await cache.delete(key);
      }
      const fresh = self.crypto.randomUUID();
      const headers = { "content-type": file.type || "application/json", "x-diterima": String(now) };
      await cache.put(RECEIVED_PREFIX + fresh, new Response(file, { headers }));
      id = fresh;
      // An office's list (a workbook or CSV) goes to the import page, its name with it (the
      // list's year may be in it); anything else is a bundle for Bagikan.
      if (SHEET.test(file.name || "") || SHEET_TYPE.test(file.type || "")) {
        const name = encodeURIComponent(file.name || "");
        return Response.redirect(new URL(`/impor?terima=${id}&nama=${name}`, self.location.origin).href, 303);
      }
    }
  } catch (err) {
    console.warn("Sentra: a shared file could not be kept", err);
  }
  return Response.redirect(new URL(`/bagikan?terima=${id}`, self.location.origin).href, 303);
}
