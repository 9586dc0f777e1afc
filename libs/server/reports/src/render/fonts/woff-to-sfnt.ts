import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_BYTES = 44;
const WOFF_TABLE_ENTRY_BYTES = 20;

/**
 * Unwraps a WOFF 1.0 font into the TrueType/OpenType file inside it. fontkit can read WOFF itself,
 * but inflates it in JavaScript (seconds for a Hangul font); Node's zlib does it in milliseconds.
 * `dropTables` leaves tables out (by tag), e.g. layout tables the caller does not want applied.
 */
export function woffToSfnt(woff: Buffer, options: { dropTables?: readonly string[] } = {}): Buffer {
  if (woff.length < WOFF_HEADER_BYTES || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('Not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const drop = new Set(options.dropTables ?? []);
  const all = Array.from({ length: woff.readUInt16BE(12) }, (_, i) => {
    const at = WOFF_HEADER_BYTES + i * WOFF_TABLE_ENTRY_BYTES;
    return {
      tag: woff.readUInt32BE(at),
      offset: woff.readUInt32BE(at + 4),
      compLength: woff.readUInt32BE(at + 8),
      origLength: woff.readUInt32BE(at + 12),
      checksum: woff.readUInt32BE(at + 16),
    };
  });
  const entries = all.filter((e) => !drop.has(tagName(e.tag)));
  const numTables = entries.length;
  const tables = entries.map((e) => {
    const stored = woff.subarray(e.offset, e.offset + e.compLength);
    const table = e.compLength < e.origLength ? inflateSync(stored) : stored;
    if (table.length !== e.origLength) throw new Error('Corrupt WOFF table');
    return table;
  });

  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector += 1;
  }
  const directoryBytes = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const sfnt = Buffer.alloc(directoryBytes + tables.reduce((sum, t) => sum + padded(t.length), 0));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(numTables, 4);
  sfnt.writeUInt16BE(searchRange * 16, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  let offset = directoryBytes;
  entries.forEach((e, i) => {
    const at = 12 + i * 16;
    const table = tables[i]!;
    sfnt.writeUInt32BE(e.tag, at);
    sfnt.writeUInt32BE(e.checksum, at + 4);
    sfnt.writeUInt32BE(offset, at + 8);
    sfnt.writeUInt32BE(table.length, at + 12);
    table.copy(sfnt, offset);
    offset += padded(table.length);
  });
  return sfnt;
}

const tagName = (tag: number): string => String.fromCharCode((tag >>> 24) & 0xff, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff);
