import type { X509Certificate } from 'node:crypto';
import type { Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';

export interface CertificateContext {
  /** 0 for the first certificate of a file or the leaf a server presents, then up the chain. */
  chainPosition: number;
  /** Known for a TLS chain; null for a file, which is read as a stream. */
  chainLength: number | null;
  /** Where it was found: a file path or `tls://host:port`. */
  origin: string;
  /** Set when the configuration states it; otherwise read from `environmentHints`, then the names in the certificate. */
  environment?: Environment;
  environmentHints?: readonly (string | null | undefined)[];
  attributes?: CredentialObservation['attributes'];
}

const CURVES: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/**
 * A certificate as a credential valid from notBefore to notAfter (createdAt/expiresAt; a certificate is rotated by
 * replacing it). Whether it was valid on a given day is derived from that interval, never from the clock at ingest.
 * basicConstraints cA=TRUE (RFC 5280 §4.2.1.9) makes it a CA_CERTIFICATE, with the CA policy; otherwise it is a leaf
 * CERTIFICATE. Nothing in a certificate tells whether it was used.
 */
export function certificateObservation(certificate: X509Certificate, context: CertificateContext): CredentialObservation {
  const notBefore = certificateDate(certificate.validFrom);
  const notAfter = certificateDate(certificate.validTo);
  const subject = distinguishedName(certificate.subject);
  const issuer = distinguishedName(certificate.issuer);
  const commonName = lastCommonName(certificate.subject);
  const dnsNames = subjectAltNames(certificate.subjectAltName);
  const algorithm = keyAlgorithm(certificate);
  return {
    kind: 'credential',
    credentialKind: certificate.ca ? 'CA_CERTIFICATE' : 'CERTIFICATE',
    // The fingerprint names the certificate wherever it is found: a bundle and an endpoint serving it agree.
    externalId: `sha256:${certificate.fingerprint256.replaceAll(':', '').toLowerCase()}`,
    name: commonName ?? (subject || certificate.serialNumber),
    algorithm,
    environment: context.environment ?? environmentFromNames(...(context.environmentHints ?? []), commonName, ...dnsNames),
    status: 'ACTIVE',
    createdAt: notBefore,
    lastRotatedAt: notBefore,
    expiresAt: notAfter,
    deactivatedAt: null,
    lastUsedAt: null,
    useObserved: false,
    owner: null,
    ageFromFirstSeen: notBefore === null,
    attributes: {
      subject,
      issuer,
      serialNumber: certificate.serialNumber,
      fingerprintSha256: certificate.fingerprint256,
      keyAlgorithm: algorithm,
      subjectAltName: certificate.subjectAltName ?? null,
      isCa: certificate.ca,
      selfSigned: isSelfSigned(certificate),
      chainPosition: context.chainPosition,
      chainLength: context.chainLength,
      origin: context.origin,
      ...context.attributes,
    },
  };
}

/** Node prints validity as `Dec 21 20:50:17 2020 GMT`. */
function certificateDate(text: string): Date | null {
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Node separates RDNs with new lines; one line reads better in evidence. */
function distinguishedName(text: string | undefined): string {
  return (text ?? '').split('\n').filter(Boolean).join(', ');
}

function lastCommonName(subject: string | undefined): string | null {
  const names = (subject ?? '').split('\n').filter((part) => part.startsWith('CN='));
  return names.length > 0 ? names[names.length - 1].slice(3) : null;
}

function subjectAltNames(text: string | undefined): string[] {
  return (text ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
}

/** `RSA-2048`, `EC-P-256`, `Ed25519`: the key's type and strength, as a rotation policy reads it. */
export function keyAlgorithm(certificate: X509Certificate): string {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA-${details.modulusLength}`;
    case 'rsa-pss':
      return `RSA-PSS-${details.modulusLength}`;
    case 'dsa':
      return `DSA-${details.modulusLength}`;
    case 'ec':
      return `EC-${CURVES[details.namedCurve ?? ''] ?? details.namedCurve}`;
    case 'ed25519':
      return 'Ed25519';
    case 'ed448':
      return 'Ed448';
    default:
      return key.asymmetricKeyType ?? 'unknown';
  }
}

function isSelfSigned(certificate: X509Certificate): boolean {
  if (certificate.subject !== certificate.issuer) return false;
  try {
    return certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}
