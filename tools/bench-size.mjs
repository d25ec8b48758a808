// Sizes of the built app: each file raw, gzip -9 and brotli q11, and what a first visit transfers
// (everything the service worker precaches). Prints a Markdown table for README.md.
//   node tools/bench-size.mjs [dist]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotli, gzip } from "./compression.mjs";

const dist = process.argv[2] || "dist";
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

const kb = (n) => (n / 1000).toFixed(1);
const measure = (path) => {
  const data = readFileSync(path);
  return {
    rel: relative(dist, path),
    file: relative(dist, path).replace(/-[0-9a-f]{8,16}(?=[._])/, "-<hash>"),
    raw: data.length,
    gzip: gzip(data).length,
    brotli: brotli(data).length,
  };
};
// Region files (wilayah/<version>/...) are fetched on demand, not with the app.
const regionFile = /^wilayah\/([0-9a-f]+\/|LICENSE)/;
// The build's precompressed copies (tools/compress.mjs) are measured through their originals.
const files = walk(dist).filter((path) => !relative(dist, path).startsWith(".") && !/\.(br|gz)$/.test(path));
const rows = files
  .filter((path) => !regionFile.test(relative(dist, path)))
  .map(measure)
  .sort((a, b) => b.raw - a.raw);
const regions = files.filter((path) => regionFile.test(relative(dist, path))).map(measure);

console.log("| file | raw KB | gzip -9 KB | brotli q11 KB |\n|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
console.log(`| **all files above** | ${kb(sum("raw"))} | ${kb(sum("gzip"))} | ${kb(sum("brotli"))} |`);
// What a first visit transfers: exactly the service worker's precache list, plus sw.js itself.
const sw = readFileSync(join(dist, "sw.js"), "utf8");
const precached = new Set(JSON.parse(sw.match(/const PRECACHE = (\[[^\]]*\]);/)[1]).map((u) => u.replace(/^\//, "")));
const first = rows.filter((r) => precached.has(r.rel) || r.rel === "sw.js");
const firstSum = (key) => first.reduce((n, r) => n + r[key], 0);
console.log(`| **first visit: sw.js and its precache list (${first.length} files)** | ${kb(firstSum("raw"))} | ${kb(firstSum("gzip"))} | ${kb(firstSum("brotli"))} |`);


if (regions.length) {
  const median = (list, key) => {
    const sorted = list.map((r) => r[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const group = (name, list) => {
    const max = list.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    const total = (key) => list.reduce((n, r) => n + r[key], 0);
    console.log(
      `| ${name} | ${list.length} | ${kb(median(list, "gzip"))} | ${kb(max.gzip)} (${max.file.replace(/.*\//, "")}) | ${kb(total("raw"))} | ${kb(total("gzip"))} | ${kb(total("brotli"))} |`,
    );
  };
  console.log("\n## Region data (fetched on demand)\n");
  console.log("| files | count | median gzip KB | largest gzip KB | all raw KB | all gzip KB | all brotli KB |\n|---|---:|---:|---:|---:|---:|---:|");
  group("one kabupaten/kota", regions.filter((r) => r.file.includes("/kab/")));
  group("one province", regions.filter((r) => r.file.includes("/prov/")));
  group("licence text", regions.filter((r) => r.file.includes("LICENSE")));
  for (const code of ["35.29", "35"]) {
    const r = regions.find((x) => x.file.endsWith(`/${code}.txt`));
    console.log(`\n${r.file.replace(/^wilayah\/[0-9a-f]+\//, "")}: ${kb(r.raw)} KB raw, ${kb(r.gzip)} KB gzip, ${kb(r.brotli)} KB brotli`);
  }
}
