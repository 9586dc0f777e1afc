import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestChain {
  caCert: string;
  caKey: string;
  leafCert: string;
  leafKey: string;
  caPath: string;
  leafPath: string;
  leafKeyPath: string;
}

/**
 * Tests only: a root CA (EC P-256) and a leaf it signs (RSA 2048, SAN = `leafName`), made with the
 * machine's `openssl` at test time so no private key is ever committed.
 */
export function makeTestChain(dir: string, leafName: string, leafDays = 30): TestChain {
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'pipe' });
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'),
    '-subj', '/O=Postureboard Fixtures/CN=Postureboard Fixture Root CA', '-days', '3650');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('leaf.key'), '-out', file('leaf.csr'),
    '-subj', `/CN=${leafName}`, '-addext', `subjectAltName=DNS:${leafName}`);
  openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', String(leafDays), '-copy_extensions', 'copy', '-out', file('leaf.pem'));
  const read = (name: string): string => readFileSync(file(name), 'utf8');
  return {
    caCert: read('ca.pem'),
    caKey: read('ca.key'),
    leafCert: read('leaf.pem'),
    leafKey: read('leaf.key'),
    caPath: file('ca.pem'),
    leafPath: file('leaf.pem'),
    leafKeyPath: file('leaf.key'),
  };
}
