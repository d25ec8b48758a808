// Sentra's service worker. tools/precache.mjs fills in BUILD_ID and PRECACHE at build time from
// the files Trunk built; this template is never used as it is (the hook fails if it cannot fill it).
//
// - install: cache exactly the built files under a cache named after the build;
// - the new version then waits: it takes over only when the page posts "skip-waiting", which it
//   does when the officer agrees to update;
// - activate: delete older Sentra caches and take control of open pages;
// - fetch: every navigation (any route) gets the cached index.html, so the app opens with no
//   network and on a slow one alike; other requests come from the cache, else the network;
// - region files (/wilayah/<data version>/...) are fetched when first needed and kept in their
//   own cache, which outlives app updates (the data rarely changes) but drops other data versions.
"use strict";

const BUILD_ID = "__SENTRA_BUILD_ID__";
const PRECACHE = ["__SENTRA_PRECACHE__"];
const DATA_VERSION = "__SENTRA_DATA_VERSION__";
const CACHE = `sentra-${BUILD_ID}`;
const REGION_CACHE = "sentra-wilayah";
const REGION_PREFIX = `/wilayah/${DATA_VERSION}/`;
const SHELL = PRECACHE.find((url) => url.endsWith("/index.html"));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // "reload": never fill the new cache from the browser's HTTP cache of an older build.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("sentra-") && name !== CACHE && name !== REGION_CACHE) await caches.delete(name);
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
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fromCache(SHELL).then((hit) => hit || fetch(request)));
    return;
  }
  if (url.pathname.startsWith(REGION_PREFIX)) {
    event.respondWith(regionFile(request));
    return;
  }
  event.respondWith(fromCache(request).then((hit) => hit || fetch(request)));
});

async function regionFile(request) {
  const cache = await caches.open(REGION_CACHE);
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
