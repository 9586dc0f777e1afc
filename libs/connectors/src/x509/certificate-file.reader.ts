import { X509Certificate } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export type CertificateFileEntry =
  | { ok: true; certificate: X509Certificate; line: number; index: number }
  | { ok: false; line: number; reason: string };

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END = /^-----END ([A-Z0-9 ]+)-----$/;
/** A certificate is a few KiB; a block this large is not one, and is not held in memory. */
const MAX_BLOCK_CHARS = 1 << 20;
const MAX_DER_BYTES = 1 << 20;
const DER_SEQUENCE = 0x30;

/**
 * Reads the certificates of a PEM file or bundle line by line (each with the line of its BEGIN), or of a
 * DER file. Private keys and other blocks beside them are skipped unread: their content never leaves here.
 */
export async function* readCertificateFile(path: string, signal?: AbortSignal): AsyncGenerator<CertificateFileEntry> {
  if ((await firstByte(path)) === DER_SEQUENCE) {
    yield await readDer(path);
    return;
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let block: { label: string; line: number; body: string[]; size: number } | undefined;
  let index = 0;
  let found = false;
  try {
    for await (const raw of lines) {
      signal?.throwIfAborted();
      lineNumber += 1;
      const line = raw.trim();
      const begin = BEGIN.exec(line);
      if (begin) {
        if (block && CERTIFICATE_LABELS.has(block.label)) {
          found = true;
          yield unterminated(block.line, lineNumber - 1);
        }
        block = { label: begin[1], line: lineNumber, body: [], size: 0 };
        continue;
      }
      if (!block) continue;
      const end = END.exec(line);
      if (end) {
        if (CERTIFICATE_LABELS.has(block.label)) {
          found = true;
          yield parsePem(block.body, block.line, index);
          index += 1;
        }
        block = undefined;
        continue;
      }
      if (!CERTIFICATE_LABELS.has(block.label)) continue;
      block.size += line.length;
      if (block.size > MAX_BLOCK_CHARS) {
        yield { ok: false, line: block.line, reason: `certificate block is larger than ${MAX_BLOCK_CHARS} characters: not a certificate` };
        block = { ...block, label: 'SKIPPED', body: [] };
        continue;
      }
      block.body.push(line);
    }
  } finally {
    lines.close();
  }
  if (block && CERTIFICATE_LABELS.has(block.label)) {
    found = true;
    yield unterminated(block.line, lineNumber);
  }
  if (!found) yield { ok: false, line: 1, reason: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in the file' };
}

function parsePem(body: readonly string[], line: number, index: number): CertificateFileEntry {
  const base64 = body.join('');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { ok: false, line, reason: 'certificate block is not base64' };
  try {
    return { ok: true, certificate: new X509Certificate(Buffer.from(base64, 'base64')), line, index };
  } catch (error) {
    return { ok: false, line, reason: `not a valid X.509 certificate: ${(error as Error).message}` };
  }
}

function unterminated(beginLine: number, lastLine: number): CertificateFileEntry {
  return { ok: false, line: beginLine, reason: `BEGIN CERTIFICATE on line ${beginLine} has no END line by line ${lastLine} (truncated file?)` };
}

async function firstByte(path: string): Promise<number | undefined> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(1), 0, 1, 0);
    return bytesRead === 1 ? buffer[0] : undefined;
  } finally {
    await handle.close();
  }
}

async function readDer(path: string): Promise<CertificateFileEntry> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_DER_BYTES) return { ok: false, line: 1, reason: `binary file of ${size} bytes is too large to be a DER certificate` };
  } finally {
    await handle.close();
  }
  try {
    return { ok: true, certificate: new X509Certificate(await readFile(path)), line: 1, index: 0 };
  } catch (error) {
    return { ok: false, line: 1, reason: `not a valid DER X.509 certificate: ${(error as Error).message}` };
  }
}
