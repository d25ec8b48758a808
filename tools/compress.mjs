// Trunk post_build hook (after tools/precache.mjs): writes a brotli (.br) and a gzip (.gz) copy
// beside every compressible built file, so a server can send the smaller one a browser accepts
// without compressing on every request (tools/serve.mjs and the office hub do; README.md's
// deployment section tells a static host how). Officers on a slow prepaid link download the app
// once, so the strongest settings are worth their build time (tools/compression.mjs). A copy
// that would not be smaller is not written. Uses only Node's zlib.
import { brotli as brotliOf, gzip as gzipOf } from "./compression.mjs";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("compress: TRUNK_STAGING_DIR is not set (run through trunk build)");
  process.exit(1);
}
const COMPRESSIBLE = new Set([".wasm", ".js", ".css", ".html", ".webmanifest", ".svg", ".txt", ".json", ".md"]);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let files = 0, before = 0, br = 0, gz = 0;
for (const path of walk(staging)) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  const body = readFileSync(path);
  const brotli = brotliOf(body);
  const gzip = gzipOf(body);
  if (brotli.length < body.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < body.length) writeFileSync(`${path}.gz`, gzip);
  files += 1;
  before += body.length;
  br += Math.min(brotli.length, body.length);
  gz += Math.min(gzip.length, body.length);
}
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`compress: ${files} files, ${kb(before)} → ${kb(br)} brotli, ${kb(gz)} gzip`);
