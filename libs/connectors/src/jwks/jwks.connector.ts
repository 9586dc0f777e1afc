import { ENVIRONMENTS } from '@postureboard/domain';
import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { type JsonResponse, SourceRequestError, connectionCheck, fetchJson, safeUrl } from '../core/readers/json-http.client.js';
import { recordsOf } from '../core/readers/json-records.reader.js';
import { isJsonObject, stringAt } from '../core/readers/json-value.util.js';
import { parseJwk, unwrapJwks } from './jwk.parser.js';

export const jwksConfigSchema = z.object({
  /** The JWKS URL, or an OpenID Provider's discovery document (`/.well-known/openid-configuration`). */
  url: z.url({ protocol: /^https?$/ }),
  environment: z.enum(ENVIRONMENTS).default('UNKNOWN'),
  /** The team or person answerable for the issuer's keys. */
  owner: z.string().min(1).nullable().default(null),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
});
export type JwksConfig = z.infer<typeof jwksConfigSchema>;

const LABEL = 'JWKS endpoint';

/** Pulls the token-signing keys an issuer publishes: the keys whose age the breach made the point of it all. */
export const jwksConnector: Connector<JwksConfig> = {
  type: 'jwks',
  displayName: 'JSON Web Key Set (URL)',
  configSchema: jwksConfigSchema,
  secretFields: [],

  test: (config, context) =>
    connectionCheck(async () => {
      const { response, keys } = await fetchKeySet(config, context);
      return `${safeUrl(response.url)} publishes ${keys.length} key${keys.length === 1 ? '' : 's'}`;
    }),

  async *collect(config: JwksConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
    const { response } = await fetchKeySet(config, context);
    const jwksUrl = safeUrl(response.url);
    const options = { environment: config.environment, owner: config.owner, jwksUrl };
    yield* collectJsonRecords(recordsOf(response.body, { source: jwksUrl }, unwrapJwks), (value) => [parseJwk(value, options)]);
  },
};

/** Follows a discovery document's `jwks_uri` once, so an admin can paste the issuer's well-known URL. */
async function fetchKeySet(config: JwksConfig, context: CollectContext): Promise<{ response: JsonResponse; keys: unknown[] }> {
  const request = { label: LABEL, signal: context.signal, timeoutMs: config.timeoutMs };
  let response = await fetchJson({ ...request, url: config.url });
  const jwksUri = unwrapJwks(response.body) === null ? stringAt(response.body, 'jwks_uri') : null;
  if (jwksUri !== null) response = await fetchJson({ ...request, url: new URL(jwksUri, config.url).toString() });
  const keys = unwrapJwks(response.body);
  if (keys === null && !(isJsonObject(response.body) && 'kty' in response.body)) {
    throw new SourceRequestError(`${safeUrl(response.url)} is not a JWKS document: no "keys" array`, 'invalid-response');
  }
  return { response, keys: keys ?? [response.body] };
}
