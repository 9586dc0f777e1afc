import { opendir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { certificateObservation } from './certificate.mapper.js';
import { readCertificateFile } from './certificate-file.reader.js';

/** In a directory, only these are read: key files and everything else beside certificates are left alone. */
export const CERTIFICATE_FILE_EXTENSIONS: ReadonlySet<string> = new Set(['.pem', '.crt', '.cer', '.cert', '.der', '.ca-bundle']);

/** `--source x509`: a PEM/DER certificate, a bundle, or a directory of them (walked recursively). */
export const x509FileSource: FileSource = {
  type: 'x509',
  displayName: 'X.509 certificates (PEM/DER files)',
  async *collectFile(path, context): AsyncGenerator<CollectedRecord> {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read ${path}: ${error.code ?? error.message}`, { cause: error });
    });
    if (!info.isDirectory()) {
      yield* collectCertificateFile(path, basename(path), context);
      return;
    }
    for await (const file of walk(path, context.signal)) {
      yield* collectCertificateFile(file, relative(path, file), context);
    }
  },
};

async function* collectCertificateFile(file: string, nameInSource: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
  for await (const entry of readCertificateFile(file, context.signal)) {
    if (!entry.ok) {
      yield { accepted: false, location: { source: file, line: entry.line }, reason: entry.reason };
      continue;
    }
    yield {
      accepted: true,
      location: { source: file, line: entry.line },
      observation: certificateObservation(entry.certificate, {
        chainPosition: entry.index,
        chainLength: null,
        origin: file,
        // Only the part of the path inside the ingested folder: `/home/dev/...` says nothing about the certificate.
        environmentHints: [nameInSource],
      }),
    };
  }
}

/** Files in name order, so runs over the same folder yield the same sequence. */
async function* walk(directory: string, signal: AbortSignal): AsyncGenerator<string> {
  const entries: { name: string; isDirectory: boolean; isFile: boolean }[] = [];
  for await (const entry of await opendir(directory)) {
    entries.push({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    signal.throwIfAborted();
    const path = join(directory, entry.name);
    if (entry.isDirectory) yield* walk(path, signal);
    else if (entry.isFile && CERTIFICATE_FILE_EXTENSIONS.has(extname(entry.name).toLowerCase())) yield path;
  }
}
