import { isIPv4, isIPv6 } from 'node:net';

/**
 * What an address is for geolocation: `internal` (private, loopback, link-local, CGNAT, documentation,
 * multicast, reserved: no country), `public` (look it up; `lookup` is the form to look up, IPv4 for an
 * IPv4-mapped or NAT64 address) or `invalid` (a host name, "redacted", empty).
 */
export type AddressClass = { kind: 'internal' } | { kind: 'public'; lookup: string } | { kind: 'invalid' };

/** IPv4 special-purpose blocks (IANA registry) that are not globally reachable, as [first octets value, prefix]. */
const INTERNAL_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const INTERNAL_V4_RANGES = INTERNAL_V4.map(([base, prefix]) => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (ipv4ToNumber(base) & mask) >>> 0, mask };
});

/** IPv6 blocks inside global unicast (2000::/3) that are still not a place: documentation, Teredo/ORCHID, SRv6. */
const INTERNAL_V6: readonly (readonly [bigint, number])[] = [
  [0x2001n << 112n, 23],
  [0x20010db8n << 96n, 32],
  [0x3fffn << 112n, 20],
  [0x5f00n << 112n, 16],
];

export function classifyAddress(raw: string): AddressClass {
  const text = raw.trim();
  if (isIPv4(text)) return ipv4Class(ipv4ToNumber(text), text);
  const unzoned = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text.replace(/%.*$/, '');
  if (!isIPv6(unzoned)) return { kind: 'invalid' };
  const value = ipv6ToBigInt(unzoned);
  const top96 = value >> 32n;
  // IPv4-mapped (::ffff:a.b.c.d) and well-known NAT64 (64:ff9b::/96) carry an IPv4 address: judge that.
  if (top96 === 0xffffn || top96 === 0x64ff9bn << 64n) {
    const v4 = Number(value & 0xffffffffn);
    return ipv4Class(v4, numberToIpv4(v4));
  }
  // 6to4 (2002::/16) embeds the IPv4 address of the tunnel end point.
  if (value >> 112n === 0x2002n) {
    const v4 = Number((value >> 80n) & 0xffffffffn);
    return ipv4Class(v4, numberToIpv4(v4));
  }
  // Outside 2000::/3 everything is loopback, unspecified, ULA, link-local, multicast or unassigned.
  if (value >> 125n !== 1n) return { kind: 'internal' };
  for (const [network, prefix] of INTERNAL_V6) {
    if (value >> BigInt(128 - prefix) === network >> BigInt(128 - prefix)) return { kind: 'internal' };
  }
  return { kind: 'public', lookup: unzoned };
}

function ipv4Class(value: number, text: string): AddressClass {
  for (const range of INTERNAL_V4_RANGES) {
    if ((value & range.mask) >>> 0 === range.network) return { kind: 'internal' };
  }
  if (value === 0xffffffff) return { kind: 'internal' };
  return { kind: 'public', lookup: text };
}

function ipv4ToNumber(text: string): number {
  let value = 0;
  for (const part of text.split('.')) value = value * 256 + Number(part);
  return value >>> 0;
}

function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Expands a valid IPv6 text (with `::` and an optional dotted IPv4 tail) to its 128-bit value. */
function ipv6ToBigInt(text: string): bigint {
  let address = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const v4 = ipv4ToNumber(dotted[1]);
    address = `${address.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...new Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(parseInt(group, 16));
  return value;
}
