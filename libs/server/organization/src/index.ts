export * from './organization.error.js';
export * from './organization.module.js';
export * from './organization.service.js';
export { OrganizationObject } from './dtos/organization.object.js';
