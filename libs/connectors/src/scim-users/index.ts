export { scimUsersFileSource } from './scim-users.file-source.js';
export { scimUsersConnector, scimUsersConfigSchema, type ScimUsersConfig } from './scim-users.connector.js';
export { parseScimUser, unwrapScimList, employmentTypeOf, type ScimUserOptions } from './scim-user.parser.js';
