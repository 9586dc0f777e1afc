import { OrganizationEntity } from './organization.entity.js';

export { OrganizationEntity };
export const entities = [OrganizationEntity];
