// A small static server for the built app (no dependencies): serves dist/ on 127.0.0.1 with the
// right types for wasm and the manifest, answers every route of the single-page app with
// index.html, and lets browsers keep only content-hashed files (so updates are seen).
//
//   node tools/serve.mjs [--dir dist] [--host 127.0.0.1] [--port 8080]
//
// Prints "Sentra is served at http://HOST:PORT/" once listening (port 0 picks a free port; the
// end-to-end tests read the line).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const root = resolve(opt("dir", "dist"));
const host = opt("host", "127.0.0.1");
const port = Number(opt("port", "8080"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".gz": "application/gzip",
};

async function fileAt(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, "");
  const path = join(root, clean);
  if (path !== root && !path.startsWith(root + sep)) return null; // no escaping the root
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    let path = await fileAt(url.pathname);
    // Routes of the app (no file extension) get the app shell.
    if (!path && !extname(url.pathname)) path = join(root, "index.html");
    if (!path) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const body = await readFile(path);
    // Only Trunk's content-hashed files may be cached for good; the rest is revalidated.
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(path);
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] || "application/octet-stream",
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String(err));
  }
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Sentra is served at http://${host}:${actual}/`);
});
// Stop at once: close open keep-alive connections instead of waiting for the browser to drop them.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 500).unref();
  });
}
