// Sizes of the built app: each file raw, gzip -9 and brotli q11, and what a first visit transfers
// (everything the service worker precaches). Prints a Markdown table for README.md.
//   node tools/bench-size.mjs [dist]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = process.argv[2] || "dist";
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const kb = (n) => (n / 1000).toFixed(1);
const rows = walk(dist)
  .filter((path) => !relative(dist, path).startsWith("."))
  .map((path) => {
    const data = readFileSync(path);
    return {
      file: relative(dist, path).replace(/-[0-9a-f]{16}/, "-<hash>"),
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      }).length,
    };
  })
  .sort((a, b) => b.raw - a.raw);

console.log("| file | raw KB | gzip -9 KB | brotli q11 KB |\n|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
console.log(`| **all (first visit)** | ${kb(sum("raw"))} | ${kb(sum("gzip"))} | ${kb(sum("brotli"))} |`);
