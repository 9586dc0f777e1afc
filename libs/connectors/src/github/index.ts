export { createGitHubAuditLogFileSource, gitHubAuditLogFileSource, gitHubCredentialsFileSource, gitHubMembersFileSource } from './github.file-source.js';
export { parseGitHubAuditEvent } from './github-audit-event.parser.js';
export { parseGitHubCredential } from './github-credential.parser.js';
export { parseGitHubMember, GITHUB_SYSTEM } from './github-member.parser.js';
export { gitHubAuditLogConnector, gitHubCredentialsConnector, gitHubMembersConnector } from './github.connector.js';
