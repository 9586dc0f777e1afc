import { isoDayOfDate } from '../../model/date.util.js';
import type { FindingCandidate } from '../../model/finding.model.js';
import { departureOf, possibleLeavers } from '../departure.js';
import { buildCandidate, isoOrNull } from '../finding-candidate.factory.js';
import type { FindingRule } from '../finding-rule.js';
import { hasUsableAccess, identityAccessAt, residualAccountEvidence } from '../leaver-access.js';
import { indexOf } from '../posture-index.js';
import { identitySubject } from '../subject.util.js';

/**
 * A departed identity with nothing left that can be used, but accounts that still exist (SUSPENDED: an IdP
 * suspension, an IAM user without password, key or certificate). Hygiene, LOW: the account should be deleted,
 * since re-enabling it is one step, but it is not access. A leaver who still has usable access gets
 * LEAVER_ACTIVE_ACCESS instead, with these accounts as evidence lines (one incident, one finding).
 */
export const leaverResidualAccountRule: FindingRule = {
  kind: 'LEAVER_RESIDUAL_ACCOUNT',
  domain: 'ACCESS_GOVERNANCE',
  description: 'A departed identity whose accounts still exist but can no longer be used.',
  evaluate(input, asOf, settings) {
    const index = indexOf(input);
    const candidates: FindingCandidate[] = [];
    for (const identity of possibleLeavers(index)) {
      const departure = departureOf(identity, index, asOf);
      if (departure === null) continue;
      const access = identityAccessAt(identity, index, asOf);
      if (hasUsableAccess(access) || access.residualAccounts.length === 0) continue;
      const accounts = access.residualAccounts;
      candidates.push(
        buildCandidate(
          {
            kind: 'LEAVER_RESIDUAL_ACCOUNT',
            severity: 'LOW',
            subject: identitySubject(identity),
            ownerTeamId: identity.teamId,
            params: { name: identity.displayName, departedOn: departure.departedAt === null ? null : isoDayOfDate(departure.departedAt), accounts: accounts.length },
            evidence: () => [
              {
                source: departure.via.includes('HR') ? 'hr' : 'identity-provider',
                type: 'departure',
                summary: `departed ${departure.departedAt ? isoDayOfDate(departure.departedAt) : '(date unknown)'} per ${departure.via.join(' and ')}`,
                data: { via: departure.via.join(','), status: identity.status, departedAt: isoOrNull(departure.departedAt) },
              },
              ...accounts.slice(0, settings.evidenceLimit).map(residualAccountEvidence),
            ],
          },
          asOf,
          settings,
        ),
      );
    }
    return candidates;
  },
};
