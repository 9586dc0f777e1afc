import type { Observation } from '@postureboard/connectors';
import type {
  AccessEventRow,
  AccessRollupRow,
  AccountRow,
  CredentialRow,
  EntitlementRow,
  IdentityRow,
  ReviewDecisionRow,
} from '@postureboard/server-database';

/** An observation ready for its store, or the reason it cannot be stored. */
export type MappedObservation =
  | { kind: 'credential'; row: CredentialRow }
  | { kind: 'identity'; row: IdentityRow }
  | { kind: 'account'; row: AccountRow }
  | { kind: 'entitlement'; row: EntitlementRow }
  | { kind: 'access-event'; row: AccessEventRow }
  | { kind: 'access-rollup'; row: AccessRollupRow }
  | { kind: 'review-decision'; row: ReviewDecisionRow }
  | { kind: 'rejected'; reason: string; field?: string };

class Invalid extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** PostgreSQL text cannot hold NUL; a stray one must not fail a whole run. */
const clean = (value: string): string => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

const required = (value: string, field: string): string => {
  const cleaned = clean(value).trim();
  if (!cleaned) throw new Invalid(field, `${field} is empty`);
  return cleaned;
};

const optional = (value: string | null): string | null => {
  if (value === null) return null;
  const cleaned = clean(value).trim();
  return cleaned === '' ? null : cleaned;
};

/** E-mails match case-insensitively across sources: stored trimmed and lower case. */
export const normaliseEmail = (value: string | null): string | null => optional(value)?.toLowerCase() ?? null;

const date = (value: Date | null, field: string): Date | null => {
  if (value === null) return null;
  if (Number.isNaN(value.getTime())) throw new Invalid(field, `${field} is not a valid date`);
  return value;
};

/** `YYYY-MM-DD` naming a day that exists (not 2026-02-30). */
const isUtcDay = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const requiredDate = (value: Date, field: string): Date => date(value, field) ?? value;

const count = (value: number | null, field: string): number | null => {
  if (value === null) return null;
  if (!Number.isFinite(value) || value < 0) throw new Invalid(field, `${field} must be a non-negative number (got ${value})`);
  return Math.trunc(value);
};

/**
 * Checks what the database would otherwise refuse mid-batch (which would fail the whole run) and
 * normalises matching keys. Connectors already validate their formats; this is the last line.
 */
export function mapObservation(observation: Observation): MappedObservation {
  try {
    return map(observation);
  } catch (error) {
    if (error instanceof Invalid) return { kind: 'rejected', reason: error.message, field: error.field };
    throw error;
  }
}

function map(o: Observation): MappedObservation {
  switch (o.kind) {
    case 'credential':
      return {
        kind: 'credential',
        row: {
          externalId: required(o.externalId, 'externalId'),
          kind: o.credentialKind,
          name: optional(o.name) ?? required(o.externalId, 'externalId'),
          algorithm: optional(o.algorithm),
          environment: o.environment,
          status: o.status,
          createdAt: date(o.createdAt, 'createdAt'),
          lastRotatedAt: date(o.lastRotatedAt, 'lastRotatedAt'),
          expiresAt: date(o.expiresAt, 'expiresAt'),
          deactivatedAt: date(o.deactivatedAt, 'deactivatedAt'),
          lastUsedAt: date(o.lastUsedAt, 'lastUsedAt'),
          useObserved: o.useObserved,
          ownerRef: optional(o.owner),
          attributes: cleanAttributes(o.attributes),
        },
      };
    case 'identity': {
      const email = normaliseEmail(o.email);
      const employeeNumber = optional(o.employeeNumber);
      if (!email && !employeeNumber) throw new Invalid('email', 'an identity needs an e-mail or an employee number to be matched');
      const workCountry = optional(o.workCountry)?.toUpperCase() ?? null;
      if (workCountry !== null && !/^[A-Z]{2}$/.test(workCountry)) throw new Invalid('workCountry', `${workCountry} is not an ISO 3166 alpha-2 code`);
      return {
        kind: 'identity',
        row: {
          externalId: required(o.externalId, 'externalId'),
          email,
          employeeNumber,
          displayName: optional(o.displayName) ?? email ?? employeeNumber ?? o.externalId,
          employmentType: o.employmentType,
          status: o.status,
          startDate: date(o.startDate, 'startDate'),
          terminationDate: date(o.terminationDate, 'terminationDate'),
          workCountry,
          department: optional(o.department),
          managerEmail: normaliseEmail(o.managerEmail),
        },
      };
    }
    case 'account':
      return {
        kind: 'account',
        row: {
          system: required(o.system, 'system'),
          externalId: required(o.externalId, 'externalId'),
          userName: optional(o.userName) ?? required(o.externalId, 'externalId'),
          email: normaliseEmail(o.email),
          employeeNumber: optional(o.employeeNumber),
          createdAt: date(o.createdAt, 'createdAt'),
          status: o.status,
          deactivatedAt: date(o.deactivatedAt, 'deactivatedAt'),
          lastLoginAt: date(o.lastLoginAt, 'lastLoginAt'),
          onPremisesSync: o.onPremisesSync === true,
        },
      };
    case 'entitlement':
      return {
        kind: 'entitlement',
        row: {
          system: required(o.system, 'system'),
          accountExternalId: required(o.accountExternalId, 'accountExternalId'),
          name: required(o.name, 'name'),
          privileged: o.privileged,
          production: o.production,
        },
      };
    case 'access-event':
      return {
        kind: 'access-event',
        row: {
          eventId: required(o.eventId, 'eventId'),
          occurredAt: requiredDate(o.occurredAt, 'occurredAt'),
          principal: required(o.principal, 'principal'),
          credentialExternalId: optional(o.credentialExternalId),
          sourceIp: optional(o.sourceIp),
          country: optional(o.country),
          action: required(o.action, 'action'),
          resource: optional(o.resource),
          bytes: count(o.bytes, 'bytes'),
          records: count(o.records, 'records'),
          success: o.success,
        },
      };
    case 'access-rollup': {
      if (!isUtcDay(o.day)) throw new Invalid('day', `day is not a date (YYYY-MM-DD): ${o.day}`);
      const events = count(o.events, 'events');
      if (events === null || events < 1) throw new Invalid('events', `events must be at least 1 (got ${o.events})`);
      return {
        kind: 'access-rollup',
        row: {
          day: o.day,
          principal: required(o.principal, 'principal'),
          credentialExternalId: optional(o.credentialExternalId),
          country: optional(o.country),
          events,
          bytes: count(o.bytes, 'bytes') ?? 0,
          records: count(o.records, 'records') ?? 0,
        },
      };
    }
    case 'review-decision':
      return {
        kind: 'review-decision',
        row: {
          campaign: required(o.campaign, 'campaign'),
          reviewerEmail: normaliseEmail(required(o.reviewerEmail, 'reviewerEmail'))!,
          identityEmail: normaliseEmail(required(o.identityEmail, 'identityEmail'))!,
          entitlement: required(o.entitlement, 'entitlement'),
          decision: o.decision,
          decidedAt: requiredDate(o.decidedAt, 'decidedAt'),
          reason: optional(o.reason),
        },
      };
  }
}

function cleanAttributes(attributes: CredentialRow['attributes']): CredentialRow['attributes'] {
  const cleaned: CredentialRow['attributes'] = {};
  for (const [key, value] of Object.entries(attributes)) {
    cleaned[clean(key)] = typeof value === 'string' ? clean(value) : typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  return cleaned;
}
