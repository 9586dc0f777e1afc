export * from './core/observation.js';
export * from './core/connector.js';
export * from './registry.js';
export { DEFAULT_INPUT_LIMITS, InputLimitError, type InputLimitKind, type InputLimits, isInputLimitError } from './core/readers/input-limits.js';
export { REDACTED, redactSecrets } from './core/util/secret-redaction.util.js';
export { guardedHttpRequest, guardedTcpConnect, headersOf, isOutboundRefused, OutboundRefusedError } from './core/net/outbound-guard.js';
