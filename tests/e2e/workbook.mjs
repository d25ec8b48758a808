// Real-shaped office workbooks for the import tests (issue 16), written here: an XLSX is a zip of
// SpreadsheetML parts. Cells are strings (shared), numbers, or dates (a number styled as a date,
// as Excel stores them: the serial day count, 1900 date system). Rows may start with titles and
// carry a merged two-row header, as offices' lists do.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { DIST } from "./helpers.mjs";

/** A zip archive of `files` ({ name: string | Buffer }), every entry deflated. */
export function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    locals.push(head, nameBytes, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBytes);
    offset += head.length + nameBytes.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const col = (i) => (i >= 26 ? col(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));

/** A date as Excel's serial day count (1900 system). */
export const serial = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;

/**
 * An XLSX workbook of `sheets` ({ name, rows, merges? }): each row an array of cells, a cell a
 * string, a number, `{ date: "2017-05-20" }`, or null (empty).
 */
export function xlsx(sheets) {
  const strings = [];
  const index = new Map();
  const shared = (s) => {
    if (!index.has(s)) {
      index.set(s, strings.length);
      strings.push(s);
    }
    return index.get(s);
  };
  const parts = {};
  sheets.forEach((sheet, n) => {
    const rows = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((v, c) => {
            const ref = `${col(c)}${r + 1}`;
            if (v === null || v === undefined || v === "") return "";
            if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === "object" && v.date) return `<c r="${ref}" s="1"><v>${serial(v.date)}</v></c>`;
            return `<c r="${ref}" t="s"><v>${shared(String(v))}</v></c>`;
          })
          .join("");
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join("");
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
      : "";
    parts[`xl/worksheets/sheet${n + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
  });
  const ns = "http://schemas.openxmlformats.org";
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return zip({
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
      sheets.map((_, n) => `<Override PartName="/xl/worksheets/sheet${n + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join("") +
      `</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>` +
      sheets.map((s, n) => `<sheet name="${esc(s.name)}" sheetId="${n + 1}" r:id="rId${n + 1}"/>`).join("") +
      `</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
      sheets.map((_, n) => `<Relationship Id="rId${n + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n + 1}.xml"/>`).join("") +
      `<Relationship Id="rIdS" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    // Style 1: Excel's built-in date format 14 (d/m/yyyy in an Indonesian locale).
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml":
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("") +
      `</sst>`,
    ...parts,
  });
}

/** The files of a zip archive (stored or deflated), by name: enough to read an XLSX back. */
export function unzip(buf) {
  const files = {};
  // The central directory lists every entry with its sizes and where its header is.
  let end = buf.length - 22;
  while (buf.readUInt32LE(end) !== 0x06054b50) end--;
  let at = buf.readUInt32LE(end + 16);
  const count = buf.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, "central directory entry");
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/** Sumenep's villages with their kecamatan, from the built region data. */
function sumenepVillages() {
  const dir = readdirSync(join(DIST, "wilayah")).find((d) => /^[0-9a-f]+$/.test(d));
  const villages = [];
  let kecamatan = "";
  for (const line of readFileSync(join(DIST, "wilayah", dir, "kab", "35.29.txt"), "utf8").split("\n")) {
    const [code, name] = line.split("\t");
    if (code?.startsWith("C")) kecamatan = name;
    else if (/^\d{4}$/.test(code ?? "")) villages.push([name, kecamatan]);
  }
  return villages;
}

const MONEY = ["Rp 20.000.000", "20 jt", "1,5 M", 35_000_000, "Rp15.000.000,00", "500 rb"];

/**
 * An office's 2017 list of `count` businesses as offices keep them: a title, a merged two-row
 * header, money and dates written every way, numbers stored as text; business i on spreadsheet
 * row i + 4. Rows 101 and 102 are one business; row 103's village is not in Sumenep, row 104's
 * capital is not money, row 105's phone is too short; row 106 names Poteran with no kecamatan
 * (Talango and Ra'as both have one).
 */
export function officeList(count) {
  const villages = sumenepVillages().filter(([v]) => v !== "Poteran");
  const rows = [
    ["DATA IKM KABUPATEN SUMENEP TAHUN 2017"],
    [],
    ["No", "Nama Usaha", "Nama Pemilik", "No. Telp/HP", "Alamat", null, "Jumlah TK", "Modal (Rp)", "Tanggal Pendataan"],
    [null, null, null, null, "Desa/Kel", "Kecamatan", null, null, null],
  ];
  for (let i = 1; i <= count; i++) {
    const [desa, kec] = villages[i % villages.length];
    const date = i % 2 ? { date: `2017-0${1 + (i % 9)}-1${i % 10}` } : `1${i % 10} Mei 2017`;
    rows.push([i, `Usaha Uji ${i}`, `Pemilik ${i}`, 81200000000 + i, desa, kec, i % 3 ? 1 + (i % 20) : `${1 + (i % 20)} orang`, MONEY[i % MONEY.length], date]);
  }
  const at = (line) => rows[line - 1];
  at(102)[1] = at(101)[1]; at(102)[2] = at(101)[2]; at(102)[4] = at(101)[4]; at(102)[5] = at(101)[5];
  at(103)[4] = "Kampung Entah"; at(103)[5] = "";
  at(104)[7] = "banyak";
  at(105)[3] = "12";
  at(106)[4] = "Poteran"; at(106)[5] = "";
  return xlsx([{ name: "IKM 2017", rows, merges: ["E3:F3", "A1:I1"] }]);
}

const KOMODITAS = ["Batik tulis", "Keripik", "Anyaman pandan", "Gerabah", "Ukir kayu"];

/**
 * An office's Sentra list of `count` rows (Sumenep's villages): a title, the headers offices
 * write ("Nama Sentra", "Komoditi/Produk", "Desa/Kel", "Jumlah Unit Usaha" that the app does not
 * keep). Row 13 (the tenth sentra) is "Sentra Tenun Pakandangan" of Pakandangan Barat (Bluto), a
 * sentra the test enters by hand first; row 23 has a status no sentra has.
 */
export function sentraList(count) {
  const villages = sumenepVillages().filter(([v]) => v !== "Poteran" && v !== "Pakandangan Barat");
  const rows = [
    ["DAFTAR SENTRA IKM KABUPATEN SUMENEP"],
    [],
    ["No", "Nama Sentra", "Komoditi/Produk", "Desa/Kel", "Kecamatan", "Jumlah Unit Usaha", "Tahun Pembentukan", "Status"],
  ];
  for (let i = 1; i <= count; i++) {
    const [desa, kec] = villages[(i * 7) % villages.length];
    const formed = i % 3 !== 0;
    rows.push([i, `Sentra Uji ${i}`, KOMODITAS[i % KOMODITAS.length], desa, kec, 5 + i, formed ? 2010 + (i % 15) : null, formed ? "Terbentuk" : "Rencana"]);
  }
  rows[12] = [10, "Sentra Tenun Pakandangan", "Tenun ikat", "Pakandangan Barat", "Bluto", 12, 2019, "Terbentuk"];
  rows[22][7] = "entah";
  return xlsx([{ name: "Sentra", rows, merges: ["A1:H1"] }]);
}
