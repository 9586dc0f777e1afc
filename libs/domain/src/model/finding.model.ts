import type { FindingParams } from '../findings/finding-params.js';
import type { FindingKind, FindingStatus, ScoreDomain, Severity, SubjectType } from './enums.js';

/** What a finding is about. `id` is the model id when the subject resolves to one, else its external key. */
export interface FindingSubject {
  type: SubjectType;
  id: string;
  externalId: string;
  name: string;
}

export type EvidenceValue = string | number | boolean | null;

/** One record behind a finding, with the source it came from. Dates are ISO strings (JSON-ready). */
export interface EvidenceRecord {
  source: string;
  type: string;
  summary: string;
  data: Record<string, EvidenceValue>;
}

/** What a rule emits for one `asOf`; reconciliation turns candidates into tracked findings. */
export interface FindingCandidate {
  kind: FindingKind;
  domain: ScoreDomain;
  severity: Severity;
  subject: FindingSubject;
  /** Distinguishes two findings of one kind on one subject (e.g. a campaign for a rubber-stamping reviewer). */
  qualifier: string | null;
  /** Stable across runs: kind + subject (+ qualifier). Reconciliation matches on it. */
  fingerprint: string;
  ownerTeamId: string | null;
  /** The facts the title is written from, typed by `kind` (finding-params.ts); rendered per reader (finding-text.ts). */
  params: FindingParams;
  /** The title in English, rendered from `params` when detected: what search and the CLI's JSON read. */
  title: string;
  evidence: EvidenceRecord[];
  detectedAt: Date;
  /** SLA due date: `detectedAt` + the SLA days of its severity. */
  dueAt: Date;
  /**
   * UTC day (`YYYY-MM-DD`) the condition began as the rule sees it (the first day of the anomalous activity,
   * the departure), for "days to detect"; absent where a rule has no such day.
   */
  activityStartedOn?: string;
}

/**
 * A tracked finding with its lifecycle state. `activityStartedOn` is the start day its rule gave when it was
 * first detected (kept through re-detection and reopening, as `firstDetectedAt` is): days to detect.
 */
export interface Finding extends Omit<FindingCandidate, 'detectedAt' | 'params'> {
  /** Null for a finding stored before findings carried parameters: its stored `title` is shown as it is. */
  params: FindingParams | null;
  status: FindingStatus;
  firstDetectedAt: Date;
  lastDetectedAt: Date;
  resolvedAt: Date | null;
  riskAcceptedUntil: Date | null;
  riskAcceptanceReason: string | null;
  /** Set while FALSE_POSITIVE: when the judgement lapses and the finding reopens (if still detected). */
  falsePositiveUntil: Date | null;
  falsePositiveReason: string | null;
  /** How many times the condition came back after being resolved. */
  reopenCount: number;
}

export interface FindingActor {
  type: 'USER' | 'SYSTEM';
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: FindingActor = { type: 'SYSTEM', id: 'system', name: 'Postureboard' };

/** One status change, kept forever: who, when, from, to and why. `from` is null on creation. */
export interface FindingHistoryEntry {
  fingerprint: string;
  from: FindingStatus | null;
  to: FindingStatus;
  actor: FindingActor;
  at: Date;
  reason: string | null;
  riskAcceptedUntil: Date | null;
  /** The expiry of a FALSE_POSITIVE judgement made by this change. */
  falsePositiveUntil?: Date | null;
}

/**
 * A person accepted a finding's risk (RISK_ACCEPTED, by a role that may change findings): an input of later
 * evaluations where a rule reads it (a BULK_EXTRACTION level accepted becomes its subject's baseline).
 */
export interface RiskAcceptance {
  fingerprint: string;
  acceptedAt: Date;
}
