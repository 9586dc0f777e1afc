import type { Credential } from '../model/credential.model.js';
import type { PostureIndex } from './posture-index.js';

/** The team answering for a credential: its own team, else its owner's team. */
export const credentialOwnerTeamId = (credential: Credential, index: PostureIndex): string | null => {
  if (credential.teamId !== null) return credential.teamId;
  if (credential.ownerIdentityId === null) return null;
  return index.identitiesById.get(credential.ownerIdentityId)?.teamId ?? null;
};
