export { oktaConnector, oktaConfigSchema, type OktaConfig } from './okta.connector.js';
export { parseOktaUser } from './okta-user.parser.js';
