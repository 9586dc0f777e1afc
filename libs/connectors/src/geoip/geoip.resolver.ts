import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { INTERNAL_COUNTRY } from '@postureboard/domain';
import { Reader, type Response } from 'mmdb-lib';
import { isJsonObject } from '../core/readers/json-value.util.js';
import { classifyAddress } from './ip-address.util.js';

/** IP → ISO 3166 alpha-2 country, `internal` for private and reserved addresses, null when unknown. */
export type GeoIpResolver = (ip: string | null | undefined) => string | null;

/**
 * The database ships inside the npm package `@ip-location-db/geo-whois-asn-country-mmdb` (RIR whois,
 * ASN and geofeed data, CC0/CC BY 4.0): nothing is downloaded at run time. One MMDB file covers IPv4 and IPv6.
 */
const DATABASE = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

/** Events repeat their addresses heavily; the cache bounds memory by starting over when full. */
const CACHE_LIMIT = 100_000;

let reader: Reader<Response> | null = null;
const cache = new Map<string, string | null>();

function database(): Reader<Response> {
  if (reader === null) {
    const path = createRequire(import.meta.url).resolve(DATABASE);
    reader = new Reader<Response>(readFileSync(path));
  }
  return reader;
}

/** The country of an address: loaded lazily on first use, cached per address. */
export const countryForIp: GeoIpResolver = (ip) => {
  if (ip === null || ip === undefined || ip === '') return null;
  const cached = cache.get(ip);
  if (cached !== undefined) return cached;
  const country = resolve(ip);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(ip, country);
  return country;
};

function resolve(ip: string): string | null {
  const address = classifyAddress(ip);
  if (address.kind === 'invalid') return null;
  if (address.kind === 'internal') return INTERNAL_COUNTRY;
  const found: unknown = database().get(address.lookup);
  const code = isJsonObject(found) ? found['country_code'] : undefined;
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? code : null;
}

/** Metadata of the shipped database, for the data-source page ("geolocation data as of ..."). */
export function geoIpDatabaseInfo(): { builtAt: Date; description: string } {
  const { metadata } = database();
  return { builtAt: metadata.buildEpoch, description: metadata.databaseType };
}
