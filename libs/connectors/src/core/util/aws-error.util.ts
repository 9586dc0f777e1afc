const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The socket error code, also when the SDK's retry layer has folded the error into its message. */
function networkCode(e: AwsLikeError): string | undefined {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.message?.match(/\b(E[A-Z]+)\b/)?.slice(1).find((code) => NETWORK_CODES.has(code));
}

/**
 * A message a platform admin can act on for a failed AWS call (`action` names it, e.g. `iam:ListAccessKeys`).
 * AWS error messages carry no secret material, so they are quoted as they are.
 */
export function describeAwsError(error: unknown, action: string): string {
  const e: AwsLikeError = typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const detail = e.message ? `: ${e.message}` : '';
  if (name === 'AbortError' || name === 'TimeoutError') return `${action} timed out or was cancelled before AWS answered`;
  if (BAD_CREDENTIALS.has(name)) return `AWS rejected the credentials for ${action} (${name}${detail}); check the access key id, secret and session token`;
  if (DENIED.has(name)) return `AWS denied ${action} (${name}${detail}); grant the permission to the configured principal`;
  if (name === 'CredentialsProviderError') return `no AWS credentials found for ${action}${detail}; configure an access key or an instance role`;
  const network = networkCode(e);
  if (network) return `cannot reach the AWS endpoint for ${action} (${network})${detail}`;
  if (status !== undefined && status >= 500) return `AWS answered HTTP ${status} (${name}) to ${action}${detail}; the service failed, try again later`;
  if (name === 'ThrottlingException' || name === 'Throttling') return `AWS throttled ${action} (${name}); try again later or lower the request rate`;
  return `${action} failed (${name}${status ? `, HTTP ${status}` : ''})${detail}`;
}

/** Wraps a failed AWS call in an Error whose message is `describeAwsError`'s, keeping the original as cause. */
export function awsFailure(error: unknown, action: string): Error {
  return new Error(describeAwsError(error, action), { cause: error });
}
