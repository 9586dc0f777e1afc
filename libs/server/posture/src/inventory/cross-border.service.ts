import { Injectable } from '@nestjs/common';
import { bytesMovedSince, dayNumberOf, dayNumberOfIsoDay, INTERNAL_COUNTRY, isoDayOf, startOfDay, type EvidenceRecord } from '@postureboard/domain';
import {
  ActivityRepository,
  FindingRepository,
  OffshoreIdentityRepository,
  type ActivityMatcher,
  type StoredFinding,
} from '@postureboard/server-database';
import { WHOLE_ORGANIZATION, withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { isUuid } from '../settings/uuid.util.js';
import { countryTotalsOf } from './country-totals.util.js';
import { InventoryError, InventoryErrorCode } from './inventory.error.js';

export interface CountryActivityView {
  country: string;
  approved: boolean;
  events: number;
  bytes: number;
}

export interface CountryDayView {
  day: Date;
  country: string;
  events: number;
  bytes: number;
}

export interface OffshoreIdentityView {
  identityId: string;
  name: string;
  /** The person's team: an engineering lead sees the offshore identities of the teams they lead. */
  teamId: string | null;
  workCountry: string;
  productionEntitlements: string[];
  approval: string | null;
  approvalExpiresAt: Date | null;
}

export interface VolumePointView {
  day: Date;
  bytes: number;
  baseline: number | null;
}

export interface BulkExtractionView {
  findingId: string;
  /** The BULK_EXTRACTION finding's owner team. */
  ownerTeamId: string | null;
  principal: string;
  credentialExternalId: string | null;
  startedOn: Date;
  peakBytes: number;
  series: VolumePointView[];
}

/** Every bulk extraction seen in the window, not only those listed. */
export interface BulkExtractionTotalsView {
  count: number;
  /** Bytes moved by all of them, each from the day it started to the end of the window. */
  totalBytes: number;
}

export interface CrossBorderView {
  byCountry: CountryActivityView[];
  daily: CountryDayView[];
  offshoreIdentities: OffshoreIdentityView[];
  /** The most severe first (then the longest known), at most MAX_EXTRACTIONS of them. */
  bulkExtractions: BulkExtractionView[];
  bulkExtractionTotals: BulkExtractionTotalsView;
}

export const MAX_WINDOW_DAYS = 400;
/** Days shown before an extraction starts, so the chart shows the baseline it departed from. */
const LEAD_IN_DAYS = 14;
export const MAX_EXTRACTIONS = 20;
/** BULK_EXTRACTION findings read per query while looking for those of the window. */
const FINDING_PAGE = 500;
export const UNKNOWN_COUNTRY = 'unknown';

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const dayOrNull = (value: unknown): number | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayNumberOfIsoDay(value) : null);

/**
 * Who reaches production from where, and what is pulled out in bulk: activity by country from the daily
 * rollups, offshore identities with their approvals, and BULK_EXTRACTION findings with their volume.
 */
@Injectable()
export class CrossBorderService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly activity: ActivityRepository,
    private readonly offshore: OffshoreIdentityRepository,
    private readonly findings: FindingRepository,
  ) {}

  /**
   * `scope` narrows the people and findings (offshore identities, bulk extractions and their totals) to the
   * teams an engineering lead leads; activity by country stays the organisation's (counts, not people).
   */
  async crossBorderAccess(orgSlug: string, days: number, asOf = new Date(), scope: TeamScope = WHOLE_ORGANIZATION): Promise<CrossBorderView> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
      throw new InventoryError(InventoryErrorCode.INVALID_INPUT, `days must be from 1 to ${MAX_WINDOW_DAYS}`);
    }
    const organization = await this.organizations.getBySlug(orgSlug);
    const approved = new Set(await this.organizations.approvedCountriesAt(organization, asOf));
    const toDay = dayNumberOf(asOf);
    const fromDay = toDay - days + 1;
    const [daily, offshore, { extractions, totals }] = await Promise.all([
      this.activity.byCountryAndDay(organization.id, isoDayOf(fromDay), isoDayOf(toDay)),
      this.offshore.findWithProductionAccess(organization.id, asOf, [...approved]),
      this.bulkExtractions(organization.id, fromDay, toDay, scope),
    ]);
    const country = (stored: string): string => (stored === '' ? UNKNOWN_COUNTRY : stored);
    return {
      byCountry: countryTotalsOf(daily).map((c) => ({
        country: country(c.country),
        // Private addresses are the organisation's own network; an unlocated address is approved by no one.
        approved: c.country.toLowerCase() === INTERNAL_COUNTRY || approved.has(c.country.toUpperCase()),
        events: c.events,
        bytes: c.bytes,
      })),
      daily: daily.map((d) => ({ day: startOfDay(dayNumberOfIsoDay(d.day)), country: country(d.country), events: d.events, bytes: d.bytes })),
      offshoreIdentities: withinTeamScope(scope, offshore, (o) => o.teamId).map((o) => ({
        identityId: o.identityId,
        name: o.name,
        teamId: o.teamId,
        workCountry: o.workCountry,
        productionEntitlements: o.productionEntitlements,
        approval: o.approvalScope,
        approvalExpiresAt: o.approvalExpiresAt,
      })),
      bulkExtractions: extractions,
      bulkExtractionTotals: totals,
    };
  }

  /**
   * BULK_EXTRACTION findings seen in the window (any status: a resolved extraction is still history), the first
   * MAX_EXTRACTIONS with their series, and what all of them add up to: every one is read and measured, so the
   * totals are true however many there are.
   */
  private async bulkExtractions(
    organizationId: string,
    fromDay: number,
    toDay: number,
    scope: TeamScope,
  ): Promise<{ extractions: BulkExtractionView[]; totals: BulkExtractionTotalsView }> {
    const findings = withinTeamScope(scope, await this.bulkFindingsInWindow(organizationId, fromDay, toDay), (f) => f.ownerTeamId);
    if (findings.length === 0) return { extractions: [], totals: { count: 0, totalBytes: 0 } };
    const identityIds = findings.filter((f) => f.subject.type === 'IDENTITY' && isUuid(f.subject.id)).map((f) => f.subject.id);
    const identityKeys = new Map((await this.activity.keysOfIdentities(organizationId, identityIds)).map((k) => [k.identityId, k]));
    const matchers = findings.map((f): ActivityMatcher => {
      switch (f.subject.type) {
        case 'CREDENTIAL':
          return { subject: f.id, principalKeys: [], credentialExternalIds: [f.subject.externalId] };
        case 'IDENTITY': {
          const keys = identityKeys.get(f.subject.id);
          return { subject: f.id, principalKeys: keys?.principalKeys ?? [], credentialExternalIds: keys?.credentialExternalIds ?? [] };
        }
        default:
          return { subject: f.id, principalKeys: [f.subject.externalId], credentialExternalIds: [] };
      }
    });
    const starts = new Map(findings.map((f) => [f.id, startDayOf(f)]));
    const seriesFrom = Math.min(fromDay, ...[...starts.values()].map((d) => d - LEAD_IN_DAYS));
    const rows = await this.activity.dailyBySubject(organizationId, matchers, isoDayOf(seriesFrom), isoDayOf(toDay));
    const bytesBySubject = new Map<string, Map<number, number>>();
    for (const row of rows) {
      const byDay = bytesBySubject.get(row.subject) ?? new Map<number, number>();
      byDay.set(dayNumberOfIsoDay(row.day), row.bytes);
      bytesBySubject.set(row.subject, byDay);
    }
    const extractions = findings.map((f) => toExtraction(f, starts.get(f.id)!, Math.min(fromDay, starts.get(f.id)! - LEAD_IN_DAYS), toDay, bytesBySubject.get(f.id)));
    return {
      extractions: extractions.slice(0, MAX_EXTRACTIONS),
      totals: { count: extractions.length, totalBytes: extractions.reduce((sum, e) => sum + bytesMovedSince(e.startedOn, e.series), 0) },
    };
  }

  /**
   * Most severe first, then the longest known (the findings' own order). Detected in the window and not after
   * it: a report of a past date does not count what was found only later.
   */
  private async bulkFindingsInWindow(organizationId: string, fromDay: number, toDay: number): Promise<StoredFinding[]> {
    const found: StoredFinding[] = [];
    let after: string | null = null;
    do {
      const page = await this.findings.list(organizationId, { kind: 'BULK_EXTRACTION', includeResolved: true }, FINDING_PAGE, after);
      found.push(...page.findings.filter((f) => dayNumberOf(f.lastDetectedAt) >= fromDay && dayNumberOf(f.firstDetectedAt) <= toDay));
      after = page.hasNextPage ? page.endCursor : null;
    } while (after !== null);
    return found;
  }
}


const summaryOf = (f: StoredFinding): EvidenceRecord | undefined => f.evidence.find((e) => e.type === 'bulk-summary');

const startDayOf = (f: StoredFinding): number =>
  dayOrNull(summaryOf(f)?.data['episodeStartDay']) ?? dayOrNull(summaryOf(f)?.data['firstFlaggedDay']) ?? dayNumberOf(f.firstDetectedAt);

/**
 * A dense daily series (days without activity are 0) from the rollups; where the rollups hold nothing
 * (e.g. pruned), the finding's own daily evidence stands in. Baseline: the rule's per-day median where
 * the evidence records one, else the median it measured at the peak.
 */
function toExtraction(f: StoredFinding, startDay: number, fromDay: number, toDay: number, rollupBytes: Map<number, number> | undefined): BulkExtractionView {
  const summary = summaryOf(f)?.data ?? {};
  const evidenceDays = new Map<number, { bytes: number | null; baseline: number | null }>();
  for (const e of f.evidence) {
    const day = e.type === 'daily-volume' ? dayOrNull(e.data['day']) : null;
    if (day !== null) evidenceDays.set(day, { bytes: numberOrNull(e.data['bytes']), baseline: numberOrNull(e.data['baselineMedianBytes']) });
  }
  const fallbackBaseline = numberOrNull(summary['baselineMedianBytes']);
  const bytesOn = rollupBytes && rollupBytes.size > 0 ? (day: number) => rollupBytes.get(day) ?? 0 : (day: number) => evidenceDays.get(day)?.bytes ?? 0;
  const series: VolumePointView[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    series.push({ day: startOfDay(day), bytes: bytesOn(day), baseline: evidenceDays.get(day)?.baseline ?? fallbackBaseline });
  }
  return {
    findingId: f.id,
    ownerTeamId: f.ownerTeamId,
    principal: f.subject.name,
    credentialExternalId: f.subject.type === 'CREDENTIAL' ? f.subject.externalId : null,
    startedOn: startOfDay(startDay),
    peakBytes: numberOrNull(summary['peakBytes']) ?? Math.max(0, ...series.map((p) => p.bytes)),
    series,
  };
}
