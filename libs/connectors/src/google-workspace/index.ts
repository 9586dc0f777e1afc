export { createGoogleActivityFileSource, googleActivityFileSource, googleUsersFileSource } from './google-workspace.file-source.js';
export { parseGoogleActivity } from './google-activity.parser.js';
export { parseGoogleUser, GOOGLE_WORKSPACE_SYSTEM } from './google-user.parser.js';
export { googleActivityConnector, googleUsersConnector } from './google-workspace.connector.js';
