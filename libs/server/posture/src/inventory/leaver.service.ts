import { Injectable } from '@nestjs/common';
import { addDays, isoDayOfDate, wholeDaysBetween, type CredentialKind } from '@postureboard/domain';
import { ActivityRepository, LeaverRepository, type ActivityMatcher } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';

export interface LeaverView {
  identityId: string;
  name: string;
  email: string | null;
  /** The person's team: an engineering lead sees the leavers of the teams they lead. */
  teamId: string | null;
  terminatedOn: Date;
  daysSinceTermination: number;
  activeAccess: string[];
  access: { system: string; name: string; credentialKind: CredentialKind | null }[];
  usesAfterTermination: number;
  lastUseAt: Date | null;
  bytesAfterTermination: number;
  findingId: string | null;
}

/** How far back "last use" looks when the departure is more recent (the evaluation's activity window). */
const LAST_USE_WINDOW_DAYS = 400;

const latest = (...dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((best, d) => (d !== null && (best === null || d.getTime() > best.getTime()) ? d : best), null);

/**
 * People who left and still hold access, with what they did since. "Since" counts days after the
 * departure day (the last working day is not "after"), as the LEAVER_ACTIVE_ACCESS rule does, and covers
 * activity under any of their names and on any credential they own.
 */
@Injectable()
export class LeaverService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly leaverRecords: LeaverRepository,
    private readonly activity: ActivityRepository,
  ) {}

  /** Used after leaving first, then the longest gone. */
  async leavers(orgSlug: string, asOf = new Date()): Promise<LeaverView[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const records = await this.leaverRecords.findWithActiveAccess(organization.id, asOf);
    if (records.length === 0) return [];
    const keys = new Map((await this.activity.keysOfIdentities(organization.id, records.map((r) => r.identityId))).map((k) => [k.identityId, k]));
    const matchers: ActivityMatcher[] = records.map((r) => ({
      subject: r.identityId,
      principalKeys: keys.get(r.identityId)?.principalKeys ?? [],
      credentialExternalIds: keys.get(r.identityId)?.credentialExternalIds ?? [],
      sinceDay: r.departedAt ? isoDayOfDate(r.departedAt) : null,
    }));
    const earliestDeparture = Math.min(...records.map((r) => r.departedAt?.getTime() ?? Infinity));
    const from = new Date(Math.min(addDays(asOf, -LAST_USE_WINDOW_DAYS).getTime(), earliestDeparture));
    const usage = new Map((await this.activity.usage(organization.id, matchers, isoDayOfDate(from), isoDayOfDate(asOf))).map((u) => [u.subject, u]));

    return records
      .map((r): LeaverView => {
        const use = usage.get(r.identityId);
        // Only an undated "TERMINATED" (no HR date, no IdP deactivation date) lands here: the record's last
        // change is when Postureboard learnt of it, the honest lower bound of the exposure.
        const terminatedOn = r.departedAt ?? r.identityUpdatedAt;
        const lastSeen = r.lastSeenAt && r.lastSeenAt.getTime() <= asOf.getTime() ? r.lastSeenAt : null;
        return {
          identityId: r.identityId,
          name: r.name,
          email: r.email,
          teamId: r.teamId,
          terminatedOn,
          daysSinceTermination: Math.max(0, wholeDaysBetween(terminatedOn, asOf)),
          activeAccess: r.activeAccess,
          // The credential kind comes from the credential table's kind column, one of the domain's kinds.
          access: r.access.map((a) => ({ ...a, credentialKind: a.credentialKind as CredentialKind | null })),
          usesAfterTermination: use?.eventsSince ?? 0,
          bytesAfterTermination: use?.bytesSince ?? 0,
          lastUseAt: latest(use?.lastUseAt ?? null, lastSeen),
          findingId: r.findingId,
        };
      })
      .sort(
        (a, b) =>
          Number(b.usesAfterTermination > 0) - Number(a.usesAfterTermination > 0) ||
          b.daysSinceTermination - a.daysSinceTermination ||
          a.name.localeCompare(b.name),
      );
  }
}
