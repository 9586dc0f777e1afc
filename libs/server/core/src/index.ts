export * from './config/app-config.js';
export * from './nest/core.module.js';
export * from './errors/assert-unreachable.js';
export * from './graphql/request-loaders.js';
export * from './crypto/secret-box.js';
export * from './http/same-origin.middleware.js';
export * from './http/security-headers.middleware.js';
export * from './http/http-hardening.js';
