import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/**
 * Stands, in decoded text, for bytes that are not UTF-8 (a Latin-1 export, a binary file). A noncharacter:
 * no real export contains it, so a record holding it is rejected instead of landing as mojibake.
 */
export const NOT_UTF8_MARK = '\uFFFE';

/** The UTF-8 encoding of U+FFFD: when the input spells the replacement character itself, it is data. */
const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a byte stream as the text it is: UTF-8 (with or without a byte-order mark), or UTF-16 — announced
 * by its byte-order mark, or recognised by the zero byte beside every ASCII character (Excel and PowerShell
 * write UTF-16 by default). Bytes that are not UTF-8 become `NOT_UTF8_MARK`, for the record holding them to
 * be rejected with its line.
 */
export class SourceTextDecoder {
  private decoder: TextDecoder | null = null;
  private head: Buffer = Buffer.alloc(0);
  encoding: SourceEncoding = 'utf-8';
  /** The end of a UTF-8 character the last chunk cut, held for the next one. */
  private carry: Buffer | null = null;
  /** Set once invalid UTF-8 was seen: the rest is decoded by the TextDecoder, which marks such bytes. */
  private marking = false;

  write(bytes: Uint8Array): string {
    if (this.decoder) return this.decode(bytes, true);
    // A whole file comes in one piece: taken as is, not copied.
    this.head = this.head.length === 0 && bytes.length >= 4 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.concat([this.head, bytes]);
    if (this.head.length < 4) return '';
    return this.decode(this.choose(this.head), true);
  }

  end(): string {
    if (this.decoder) return this.decode(new Uint8Array(0), false);
    return this.decode(this.choose(this.head), false);
  }

  /** Chooses the encoding from the first bytes; returns the bytes after any byte-order mark. */
  private choose(head: Buffer): Buffer {
    let skip = 0;
    if (head[0] === 0xff && head[1] === 0xfe) [this.encoding, skip] = ['utf-16le', 2];
    else if (head[0] === 0xfe && head[1] === 0xff) [this.encoding, skip] = ['utf-16be', 2];
    else if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) [this.encoding, skip] = ['utf-8', 3];
    else if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) this.encoding = 'utf-16le';
    else if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) this.encoding = 'utf-16be';
    // ignoreBOM: the mark was taken off here already; a second one would be data.
    this.decoder = new TextDecoder(this.encoding, { ignoreBOM: true });
    this.head = Buffer.alloc(0);
    return head.subarray(skip);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    if (this.encoding !== 'utf-8') return this.decoder!.decode(bytes, { stream });
    let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.marking) {
      // Valid UTF-8 (nearly every export) is checked whole and decoded by Buffer, several times faster than
      // TextDecoder; a character cut at the chunk's end waits for the next chunk.
      if (this.carry !== null) {
        buffer = Buffer.concat([this.carry, buffer]);
        this.carry = null;
      }
      const end = stream ? completeEnd(buffer) : buffer.length;
      const complete = buffer.subarray(0, end);
      if (isUtf8(complete)) {
        if (end < buffer.length) this.carry = Buffer.from(buffer.subarray(end));
        return complete.toString('utf8');
      }
      // Bytes that are not UTF-8: from here on, the decoder that marks them (it has seen nothing yet).
      this.marking = true;
    }
    // U+FFFD spelled out in the input is data: the bytes between its occurrences are decoded one by one, so
    // every other U+FFFD the decoder produces stands for invalid bytes.
    let text = '';
    let from = 0;
    for (let at = buffer.indexOf(REPLACEMENT_BYTES); at !== -1; at = buffer.indexOf(REPLACEMENT_BYTES, from)) {
      text += markInvalid(this.decoder!.decode(buffer.subarray(from, at), { stream: true })) + '\uFFFD';
      from = at + REPLACEMENT_BYTES.length;
    }
    return text + markInvalid(this.decoder!.decode(buffer.subarray(from), { stream }));
  }
}

/** Where the last complete UTF-8 character of `bytes` ends: before a lead byte whose continuation bytes are not all there yet. */
function completeEnd(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(4, length); back += 1) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

function markInvalid(text: string): string {
  return text.includes('\uFFFD') ? text.replaceAll('\uFFFD', NOT_UTF8_MARK) : text;
}

/** Decodes a whole buffer (`SourceTextDecoder` in one step). */
export function decodeSourceText(bytes: Uint8Array): string {
  const decoder = new SourceTextDecoder();
  return decoder.write(bytes) + decoder.end();
}

/**
 * Why a record's text cannot be stored, or null: bytes that were not UTF-8, or a NUL character (raw, or
 * escaped in JSON) — PostgreSQL stores neither in text, and one such record must not fail a whole run.
 */
export function textProblem(text: string): string | null {
  if (text.includes(NOT_UTF8_MARK)) return 'the text is not UTF-8 (bytes of another encoding, e.g. Latin-1): export it as UTF-8';
  if (text.includes('\u0000') || text.includes('\\u0000')) return 'contains a NUL character, which cannot be stored';
  return null;
}
