export { countryForIp, geoIpDatabaseInfo, type GeoIpResolver } from './geoip.resolver.js';
export { classifyAddress, type AddressClass } from './ip-address.util.js';
export { toCountryCode } from './country-code.util.js';
