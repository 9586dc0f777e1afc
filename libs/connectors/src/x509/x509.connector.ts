import { ENVIRONMENTS } from '@postureboard/domain';
import { z } from 'zod';
import type { CollectContext, ConnectionTestResult, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { certificateObservation } from './certificate.mapper.js';
import { fetchPresentedChain, parseTlsEndpoint } from './tls-endpoint.js';

export const x509EndpointsConfigSchema = z.object({
  endpoints: z
    .array(z.string().refine((text) => parseTlsEndpoint(text) !== null, { message: 'expected host:port, host, or [ipv6]:port' }))
    .min(1),
  /** Per endpoint, from connecting to the end of the TLS handshake. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** The endpoints' environment; when unset it is read from each host name and certificate name. */
  environment: z.enum(ENVIRONMENTS).optional(),
});

export type X509EndpointsConfig = z.output<typeof x509EndpointsConfigSchema>;

/**
 * Certificates served by TLS endpoints. An endpoint that cannot be read becomes one rejection located at
 * `tls://host:port`; the other endpoints still land.
 */
export const x509EndpointsConnector: Connector<X509EndpointsConfig> = {
  type: 'x509',
  displayName: 'TLS endpoint certificates',
  configSchema: x509EndpointsConfigSchema,
  secretFields: [],

  async test(config: X509EndpointsConfig, context: CollectContext): Promise<ConnectionTestResult> {
    const lines = await Promise.all(
      config.endpoints.map(async (text) => {
        const endpoint = parseTlsEndpoint(text);
        if (!endpoint) return { ok: false, line: `${text}: not host:port` };
        try {
          const { chain } = await fetchPresentedChain(endpoint, { timeoutMs: config.timeoutMs, signal: context.signal });
          return { ok: true, line: `${endpoint.source}: ${chain.length} certificate${chain.length === 1 ? '' : 's'}` };
        } catch (error) {
          return { ok: false, line: (error as Error).message };
        }
      }),
    );
    return { ok: lines.every((line) => line.ok), message: lines.map((line) => line.line).join('; ') };
  },

  collect(config: X509EndpointsConfig, context: CollectContext): AsyncIterable<CollectedRecord> {
    return collectEndpoints(config, context);
  },
};

async function* collectEndpoints(config: X509EndpointsConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
  for (const text of config.endpoints) {
    context.signal.throwIfAborted();
    const endpoint = parseTlsEndpoint(text);
    if (!endpoint) {
      yield { accepted: false, location: { source: text }, reason: `${text} is not host:port` };
      continue;
    }
    let presented;
    try {
      presented = await fetchPresentedChain(endpoint, { timeoutMs: config.timeoutMs, signal: context.signal });
    } catch (error) {
      context.signal.throwIfAborted();
      yield { accepted: false, location: { source: endpoint.source }, reason: (error as Error).message };
      continue;
    }
    for (const [position, certificate] of presented.chain.entries()) {
      yield {
        accepted: true,
        location: { source: endpoint.source, record: position },
        observation: certificateObservation(certificate, {
          chainPosition: position,
          chainLength: presented.chain.length,
          origin: endpoint.source,
          environment: config.environment,
          environmentHints: [endpoint.host],
          attributes: { endpoint: endpoint.source, chainVerified: presented.authorized, chainVerifyError: presented.authorizationError },
        }),
      };
    }
  }
}
