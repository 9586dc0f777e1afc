import { useAccess } from '../../app/access/access.context.js';
import { ADD_FINDING_COMMENT, ASSIGN_FINDING, BULK_UPDATE_FINDINGS } from './finding-workflow.documents.js';
import { ACKNOWLEDGE_FINDING, RESOLVE_FINDING } from './findings.documents.js';

/**
 * Whether the app offers the findings workflow's actions: when the caller's role may run its mutations, as the
 * server decides from its own declarations (organizationAccess). The server checks role and team scope anyway.
 */
export function useFindingWriter(): boolean {
  return useAccess().can(ACKNOWLEDGE_FINDING, RESOLVE_FINDING, ASSIGN_FINDING, ADD_FINDING_COMMENT, BULK_UPDATE_FINDINGS);
}
