import { closeSync, openSync, writeSync } from 'node:fs';

/** Appends text to a file through a 1 MB buffer: large files are written without ever being held whole. */
export class ChunkedFileWriter {
  private readonly fd: number;
  private buffer = '';
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.bytes += writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
