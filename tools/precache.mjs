// Trunk post_build hook: writes the precache list and build id into the staged sw.js.
//
// The list is every file Trunk staged (hashed wasm, JS, CSS; index.html; manifest; icons), so it
// is always exactly what was built. The build id is a hash of all their contents: any change to
// the app changes sw.js, which is how browsers notice a new version.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("precache: TRUNK_STAGING_DIR is not set (run through trunk build)");
  process.exit(1);
}
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const SW = "sw.js";

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Region files (wilayah/<version>/...) are fetched when an officer needs them and kept by the
// worker at run time; only the small index comes with the app.
const all = walk(staging).map((path) => relative(staging, path).split(sep).join("/"));
// The data licence text is a document behind a link on Tentang, fetched when opened.
const regionFile = /^wilayah\/([0-9a-f]+\/|LICENSE)/;
// The large install icons are read by the browser when it installs the app (online), which then
// keeps its own copy; the page itself only uses icon.svg and icon-192.png.
const installOnly = /^icons\/icon-(512|maskable-512)\.png$/;
// The workbook reader for bringing an office's lists in (issue 16) is fetched when an officer
// first opens a workbook, then kept (public/sw.js, LAZY): a first visit does not carry it.
const lazy = /^import_worker/;
const files = all
  .filter((rel) => rel !== SW && !regionFile.test(rel) && !installOnly.test(rel) && !lazy.test(rel))
  .sort();
const indexText = readFileSync(join(staging, "wilayah", "index.txt"), "utf8");
const dataVersion = indexText.slice(1, indexText.indexOf("\n"));
if (!/^[0-9a-f]+$/.test(dataVersion)) {
  console.error("precache: wilayah/index.txt has no data version");
  process.exit(1);
}
if (!files.includes("index.html")) {
  console.error("precache: index.html missing from the build");
  process.exit(1);
}

const hash = createHash("sha256");
for (const rel of files) {
  hash.update(rel);
  hash.update(readFileSync(join(staging, rel)));
}
const buildId = hash.digest("hex").slice(0, 16);
const urls = files.map((rel) => publicUrl + rel);

const swPath = join(staging, SW);
const template = readFileSync(swPath, "utf8");
const marks = {
  '"__SENTRA_BUILD_ID__"': JSON.stringify(buildId),
  '["__SENTRA_PRECACHE__"]': JSON.stringify(urls, null, 2),
  '"__SENTRA_DATA_VERSION__"': JSON.stringify(dataVersion),
};
let sw = template;
for (const [mark, value] of Object.entries(marks)) {
  if (!sw.includes(mark)) {
    console.error(`precache: sw.js lacks the placeholder ${mark}; is it already filled?`);
    process.exit(1);
  }
  sw = sw.replace(mark, value);
}
writeFileSync(swPath, sw);
console.log(`precache: ${urls.length} files, build ${buildId}, region data ${dataVersion}`);
