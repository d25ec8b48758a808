// A small static server for the built app (no dependencies): serves dist/ on 127.0.0.1 with the
// right types for wasm and the manifest, answers every route of the single-page app with
// index.html, sends the precompressed .br or .gz copy the build wrote (tools/compress.mjs) when
// the browser accepts it, and lets browsers keep only content-hashed files (so updates are seen).
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

/** When a file was last changed; -1 when there is none. */
async function modifiedAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mtimeMs : -1;
  } catch {
    return -1;
  }
}

/** The content codings a request accepts (q=0 refuses one). */
function acceptedEncodings(header = "") {
  const names = new Set();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) names.add(name);
  }
  return names;
}

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
    // The smallest copy the browser accepts: brotli, then gzip, else the file itself. A copy
    // older than its file (the file changed after the build) is not used.
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const modified = (await stat(path)).mtimeMs;
    let sent = path, encoding = null;
    for (const [name, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
      if (accepted.has(name) && (await modifiedAt(path + suffix)) >= modified) {
        sent = path + suffix;
        encoding = name;
        break;
      }
    }
    const body = await readFile(sent);
    // Only Trunk's content-hashed files may be cached for good; the rest is revalidated.
    // (Trunk's hash: up to 16 hex digits, its leading zeros left out.)
    const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(path);
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] || "application/octet-stream",
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
      vary: "Accept-Encoding",
      ...(encoding ? { "content-encoding": encoding } : {}),
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
