export { OrganizationObject } from '@postureboard/server-organization';
