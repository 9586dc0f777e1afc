import type { FindingKind, Severity, SubjectType } from '../model/enums.js';
import type { FindingFacts } from './finding-params.js';
import { renderFindingTitle } from './finding-text.js';
import type { EvidenceRecord, FindingCandidate, FindingSubject } from '../model/finding.model.js';
import { addDays, isoDayOf } from '../model/date.util.js';
import { FINDING_KIND_DOMAIN } from './finding-rule.js';
import type { FindingSettings } from './finding-settings.js';

/** Kind + subject (+ qualifier): the same condition on the same thing always gets the same fingerprint. */
export const fingerprintOf = (kind: FindingKind, subjectType: SubjectType, subjectId: string, qualifier: string | null = null): string =>
  qualifier === null ? `${kind}:${subjectType}:${subjectId}` : `${kind}:${subjectType}:${subjectId}:${qualifier}`;

/** What a rule knows of one finding; `kind` and `params` come together (FindingFacts), the title is rendered from them. */
export type CandidateFacts = FindingFacts & {
  severity: Severity;
  subject: FindingSubject;
  qualifier?: string | null;
  ownerTeamId: string | null;
  /** A function defers the work: evidence is skipped altogether when `evidenceLimit` is 0 (replay). */
  evidence: EvidenceRecord[] | (() => EvidenceRecord[]);
  /** Day number (UTC) the condition began, for days to detect. */
  activityStartDay?: number | null;
};

export const buildCandidate = (facts: CandidateFacts, asOf: Date, settings: FindingSettings): FindingCandidate => {
  const qualifier = facts.qualifier ?? null;
  return {
    kind: facts.kind,
    domain: FINDING_KIND_DOMAIN[facts.kind],
    severity: facts.severity,
    subject: facts.subject,
    qualifier,
    fingerprint: fingerprintOf(facts.kind, facts.subject.type, facts.subject.id, qualifier),
    ownerTeamId: facts.ownerTeamId,
    params: facts.params,
    title: renderFindingTitle(facts, 'en'),
    evidence: settings.evidenceLimit <= 0 ? [] : typeof facts.evidence === 'function' ? facts.evidence() : facts.evidence,
    detectedAt: asOf,
    dueAt: addDays(asOf, settings.slaDays[facts.severity]),
    ...(facts.activityStartDay === undefined || facts.activityStartDay === null ? {} : { activityStartedOn: isoDayOf(facts.activityStartDay) }),
  };
};

export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());
