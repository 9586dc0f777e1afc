import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { type ClientRequestArgs, Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BlockList, type LookupFunction, type Socket, connect as netConnect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions as TlsConnectionOptions, TLSSocket } from 'node:tls';
import { connect as tlsConnect } from 'node:tls';

/**
 * The one gate of every outbound connection a connector opens (HTTP, TLS, the AWS SDK's endpoints).
 * Connector configuration is written by tenant administrators: without this gate, an Okta `orgUrl` of
 * `http://127.0.0.1:5432` or an S3 endpoint of `http://169.254.169.254` turns the server into a port scanner
 * and a reader of its own cloud credentials. The address is judged after DNS resolution, inside the
 * connection's own lookup, so the address checked is the address connected to (DNS rebinding between a
 * check and the connection cannot slip through), and every redirect is a new, guarded connection.
 */

/** Operators name the private destinations connectors may reach (README: Configuration). */
export const OUTBOUND_ALLOW_VARIABLE = 'POSTUREBOARD_OUTBOUND_ALLOW';

export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';

  constructor(
    readonly host: string,
    readonly address: string,
    readonly category: string,
  ) {
    super(
      `refused to connect to ${host}${host === address ? '' : ` (${address})`}: a ${category} address ` +
        `(connectors reach only public addresses unless ${OUTBOUND_ALLOW_VARIABLE} names it)`,
    );
    this.name = 'OutboundRefusedError';
  }
}

/** Ranges no connector may reach by default, with the word an error uses for them. */
const FORBIDDEN: readonly { category: string; ranges: readonly [string, number, 'ipv4' | 'ipv6'][] }[] = [
  { category: 'loopback', ranges: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']] },
  { category: 'unspecified', ranges: [['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']] },
  {
    category: 'private',
    ranges: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6']],
  },
  // 169.254.169.254 (AWS, GCP, Azure metadata) and fe80:: are link-local.
  { category: 'link-local or metadata', ranges: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']] },
  { category: 'multicast', ranges: [['224.0.0.0', 4, 'ipv4'], ['ff00::', 8, 'ipv6']] },
  {
    category: 'reserved',
    ranges: [['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'], ['240.0.0.0', 4, 'ipv4'], ['2001:db8::', 32, 'ipv6']],
  },
];

const FORBIDDEN_LISTS = FORBIDDEN.map(({ category, ranges }) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return { category, list };
});

/** The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), if any. */
function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const words = expandIPv6(lower);
  if (!words) return null;
  const toV4 = (high: number, low: number): string => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return toV4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return toV4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return toV4(words[1]!, words[2]!);
  return null;
}

function expandIPv6(address: string): number[] | null {
  if (isIP(address) !== 6 || address.includes('.')) return null;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const parse = (part: string | undefined): number[] => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The allow-list: comma-separated addresses and CIDR ranges (`127.0.0.1,10.20.0.0/16,::1`). */
export function parseOutboundAllowList(text: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (text ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [network, prefixText] = entry.split('/') as [string, string | undefined];
    const family = isIP(network);
    if (family === 0) throw new Error(`${OUTBOUND_ALLOW_VARIABLE}: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`${OUTBOUND_ALLOW_VARIABLE}: "${entry}" has an invalid prefix length`);
    }
    list.addSubnet(network, prefix, type);
  }
  return list;
}

/**
 * Read at each connection, not once: the server validates the variable at start-up (app-config), and tests
 * name their local servers in it.
 */
function currentAllowList(): BlockList {
  return parseOutboundAllowList(process.env[OUTBOUND_ALLOW_VARIABLE]);
}

/** Why an address may not be reached ("loopback", "private", ...), or null when it may. */
export function forbiddenCategory(address: string, allow: BlockList = currentAllowList()): string | null {
  const family = isIP(address);
  if (family === 0) return 'unparsable';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allow.check(address, type)) return null;
  const v4 = family === 6 ? embeddedIPv4(address) : null;
  if (v4 !== null) return forbiddenCategory(v4, allow);
  for (const { category, list } of FORBIDDEN_LISTS) if (list.check(address, type)) return category;
  return null;
}

/** Throws `OutboundRefusedError` when `host` is an IP literal that may not be reached (names are judged at lookup). */
export function assertOutboundHost(host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 0) return;
  const category = forbiddenCategory(bare);
  if (category !== null) throw new OutboundRefusedError(bare, bare, category);
}

/**
 * A `dns.lookup` that refuses a name when any address it resolves to may not be reached: the connection
 * then fails with `OutboundRefusedError` before a packet is sent.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allow = currentAllowList();
    for (const { address } of addresses) {
      const category = forbiddenCategory(address, allow);
      if (category !== null) return callback(new OutboundRefusedError(hostname, address, category) as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};

/** Connection options for `http(s).request` / `net.connect`: IP literals judged now, names at lookup. */
export function guardedConnectOptions(host: string): { lookup: LookupFunction } {
  assertOutboundHost(host);
  return { lookup: guardedLookup };
}

/** `tls.connect` through the gate. */
export function guardedTlsConnect(options: TlsConnectionOptions & { host: string }): TLSSocket {
  return tlsConnect({ ...options, ...guardedConnectOptions(options.host) });
}

/**
 * HTTP agents for SDKs that take one (the AWS SDK's request handler): every socket through the gate. A
 * refused literal address is handed to the agent's callback, so it surfaces as the request's 'error' event.
 */
export class GuardedHttpAgent extends HttpAgent {
  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    return guardedCreateConnection(options, callback, (guarded, done) => super.createConnection(guarded, done));
  }
}

export class GuardedHttpsAgent extends HttpsAgent {
  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    return guardedCreateConnection(options, callback, (guarded, done) => super.createConnection(guarded, done));
  }
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

function guardedCreateConnection(
  options: ClientRequestArgs,
  callback: ConnectionCallback | undefined,
  create: (options: ClientRequestArgs, callback?: ConnectionCallback) => Duplex | null | undefined,
): Duplex | null | undefined {
  try {
    assertOutboundHost(options.host ?? options.hostname ?? 'localhost');
  } catch (error) {
    // The agent passes a callback error on to the request's 'error' event; no socket is created.
    callback?.(error as Error, undefined as unknown as Duplex);
    return undefined;
  }
  return create({ ...options, lookup: guardedLookup }, callback);
}

export const isOutboundRefused = (error: unknown): error is OutboundRefusedError =>
  error instanceof OutboundRefusedError || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EOUTBOUNDREFUSED');

/**
 * One HTTP(S) request over a connection opened through the gate (node's own fetch takes no lookup hook): the
 * connectors' JSON client and the notification channels both send through it. Redirects are the caller's.
 */
export function guardedHttpRequest(
  url: string,
  request: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<IncomingMessage> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new Error(`unsupported protocol ${parsed.protocol} (expected http: or https:)`));
  }
  return new Promise<IncomingMessage>((resolve, reject) => {
    let options;
    try {
      options = guardedConnectOptions(parsed.hostname);
    } catch (error) {
      reject(error);
      return;
    }
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(parsed, { method: request.method, headers: request.headers, signal: request.signal, ...options }, resolve);
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * A plain TCP connection through the gate (SMTP: the mail library is handed the connected socket and upgrades
 * it to TLS itself, keeping the configured name for SNI and certificate checks). Resolves once connected;
 * rejects with `OutboundRefusedError` before any packet is sent when the address may not be reached.
 */
export function guardedTcpConnect(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let options;
    try {
      options = guardedConnectOptions(host.replace(/^\[|\]$/g, ''));
    } catch (error) {
      reject(error);
      return;
    }
    const socket = netConnect({ host: host.replace(/^\[|\]$/g, ''), port, ...options });
    const timer = setTimeout(() => fail(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** The answer's headers as a fetch `Headers` (repeated headers kept). */
export function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) headers.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
  return headers;
}
