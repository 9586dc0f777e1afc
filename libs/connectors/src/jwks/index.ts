export { jwksFileSource } from './jwks.file-source.js';
export { jwksConnector, jwksConfigSchema, type JwksConfig } from './jwks.connector.js';
export { parseJwk, jwkThumbprint, unwrapJwks, type JwkParseOptions } from './jwk.parser.js';
