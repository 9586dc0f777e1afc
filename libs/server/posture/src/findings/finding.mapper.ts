import { evidenceSummary, type EvidenceRecord } from '@postureboard/domain';
import type { StoredFinding, StoredStatusChange } from '@postureboard/server-database';
import type { EvidenceRecordObject, FindingObject, FindingStatusChangeObject } from './dtos/finding.object.js';

const evidenceTime = (record: EvidenceRecord): Date | null => {
  const value = record.data['occurredAt'] ?? record.data['at'] ?? record.data['day'] ?? null;
  if (typeof value !== 'string') return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

export const toEvidenceObject = (record: EvidenceRecord): EvidenceRecordObject => ({
  source: record.source,
  type: record.type,
  record,
  at: evidenceTime(record),
  data: JSON.stringify(record.data),
});

export const toFindingObject = (finding: StoredFinding): FindingObject => ({
  id: finding.id,
  kind: finding.kind,
  domain: finding.domain,
  severity: finding.severity,
  status: finding.status,
  subject: { type: finding.subject.type, externalId: finding.subject.externalId, name: finding.subject.name },
  params: finding.params,
  storedTitle: finding.title,
  ownerTeamId: finding.ownerTeamId,
  firstDetectedAt: finding.firstDetectedAt,
  lastDetectedAt: finding.lastDetectedAt,
  dueAt: finding.dueAt,
  resolvedAt: finding.resolvedAt,
  riskAcceptedUntil: finding.riskAcceptedUntil,
  riskAcceptedReason: finding.riskAcceptanceReason,
  falsePositiveUntil: finding.falsePositiveUntil,
  falsePositiveReason: finding.falsePositiveReason,
  assigneeUserId: finding.assigneeUserId ?? null,
  // Mapped when a query asks for it: lists and the overview's top risks do not, and a bulk-extraction
  // finding's evidence can run to hundreds of records.
  get evidence() {
    return finding.evidence.map(toEvidenceObject);
  },
});

export const toStatusChangeObject = (change: StoredStatusChange): FindingStatusChangeObject => ({
  from: change.from,
  to: change.to,
  actor: change.actor,
  reason: change.reason,
  riskAcceptedUntil: change.riskAcceptedUntil,
  falsePositiveUntil: change.falsePositiveUntil,
  at: change.at,
});

/** The CLI's `findings --json` shape (a contract: other tools read it). */
/** A finding as `findings --json` prints it; one evaluated at another instant (never stored) has no id. */
export const toFindingJson = (
  finding: Pick<StoredFinding, 'kind' | 'severity' | 'status' | 'domain' | 'title' | 'subject' | 'firstDetectedAt' | 'lastDetectedAt' | 'dueAt' | 'riskAcceptedUntil' | 'evidence'> & { id: string | null },
  teamName: string | null,
) => ({
  id: finding.id,
  kind: finding.kind,
  severity: finding.severity,
  status: finding.status,
  domain: finding.domain,
  title: finding.title,
  subject: { type: finding.subject.type, externalId: finding.subject.externalId, name: finding.subject.name },
  ownerTeam: teamName,
  firstDetectedAt: finding.firstDetectedAt.toISOString(),
  lastDetectedAt: finding.lastDetectedAt.toISOString(),
  dueAt: finding.dueAt ? finding.dueAt.toISOString() : null,
  riskAcceptedUntil: finding.riskAcceptedUntil ? finding.riskAcceptedUntil.toISOString() : null,
  // Each summary as the API's `description` gives it in English (one renderer), not the text stored when it was found.
  evidence: finding.evidence.map((record) => ({ ...record, summary: evidenceSummary(record, 'en') })),
});
