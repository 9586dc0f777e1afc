export { entraAppCredentialsFileSource, entraSignInsFileSource, entraUsersFileSource, createEntraSignInsFileSource } from './entra.file-source.js';
export { parseEntraSignIn } from './entra-signin.parser.js';
export { parseEntraUser, ENTRA_SYSTEM } from './entra-user.parser.js';
export { parseEntraAppCredentials } from './entra-app-credential.parser.js';
export { entraAppCredentialsConnector, entraSignInsConnector, entraUsersConnector } from './entra.connector.js';
