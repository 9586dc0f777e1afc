import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { approvedCountriesAtSql } from './organization.repository.js';
import {
  ACTIVITY_WINDOW_DAYS,
  dataSourceCategoryOf,
  type Account,
  type ActivityRollup,
  type ActivitySample,
  type Credential,
  type DataSourceCategory,
  type Identity,
  type PostureInput,
  type RiskAcceptance,
  type RotationPolicyOverride,
} from '@postureboard/domain';

/** Days of rollups per query when reading activity: a few hundred thousand rows at the largest scale. */
const DAYS_PER_READ = 14;
/** Evidence events kept per leaver principal (the first uses after termination). */
const SAMPLES_PER_PRINCIPAL = 5;
/** Systems that are the organisation's identity provider: a deactivation there means the person left. */
const IDENTITY_PROVIDER_SYSTEMS = new Set(['okta', 'scim', 'entra', 'azure-ad', 'google-workspace']);

/** Unknown types (a source added before its category) count as access events, as raw logs do. */
export const dataSourceCategory = (type: string): DataSourceCategory => dataSourceCategoryOf(type) ?? 'ACCESS_EVENTS';

/** One day of rollups as read, with the version that tells whether it changed since. */
export interface ActivityDay {
  version: string;
  rollups: ActivityRollup[];
}

/** One part of the inventory as read (mapped to the domain), with the versions of the tables it came from. */
export interface InventoryPart {
  /** The versions of the tables it was read from, joined. */
  versions: string;
  value: unknown;
}

/** The activity window of a load, by day in ascending order, and its inventory, for the next load to reuse. */
export interface ActivityCache {
  days: ReadonlyMap<string, ActivityDay>;
  /** How many days this load read from the database (the rest were reused). */
  daysRead: number;
  /** The inventory's parts (people, accounts, credentials, settings...) by name; absent for activity alone. */
  inventory?: ReadonlyMap<string, InventoryPart>;
  /** The parts this load read from the database (the rest were reused). */
  inventoryRead?: readonly string[];
  /** Milliseconds the load's slowest reads took, by name (they run concurrently: they overlap). */
  timings?: Record<string, number>;
  /** The leaver evidence read, with what it was read from; absent for activity alone. */
  leaverSamples?: LeaverSamples;
}

/**
 * Leaver evidence as read at `asOf`: from the inventory tables' versions `versions`, and every day of activity up to
 * the activity day version `dayVersion` (a sequence: a day changed since has a greater one).
 */
interface LeaverSamples {
  versions: string;
  asOf: number;
  dayVersion: string;
  samples: readonly ActivitySample[];
}

/** The tables that say who the leavers are and which names are theirs. */
const LEAVER_TABLES = ['identity', 'account', 'identity_alias', 'credential'] as const;

/** `work`, and how long it took, in milliseconds, under `name` in `into`. */
async function timed<T>(into: Record<string, number>, name: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work;
  into[name] = Math.round(performance.now() - started);
  return value;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const num = (v: string | number | null): number => (v === null ? 0 : Number(v));

/** The days of activity an evaluation at `$2` reads for organisation `$1` (`$3`: ACTIVITY_WINDOW_DAYS). */
const inWindow = `organization_id = $1 AND day <= ($2::timestamptz AT TIME ZONE 'UTC')::date
      AND day > ($2::timestamptz AT TIME ZONE 'UTC')::date - $3::int`;

/**
 * Reads everything evaluation needs for one organisation, as known at `asOf`, in a handful of set-based
 * queries (no per-row queries): the domain then evaluates it in memory.
 */
@Injectable()
export class PostureInputRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many daily rollups an evaluation at `asOf` would hold (what its memory grows with). */
  async activityRowsAt(organizationId: string, asOf: Date): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::float8 AS rows FROM access_daily_rollup WHERE ${inWindow}`, [organizationId, asOf, ACTIVITY_WINDOW_DAYS])) as { rows: number }[];
    return row?.rows ?? 0;
  }

  async load(organizationId: string, asOf: Date): Promise<PostureInput> {
    return (await this.loadWith(organizationId, asOf, null)).input;
  }

  /**
   * As `load`, reusing the activity of an earlier load: the rollups of every day whose version (bumped by
   * the database on any change to that day's rollups) is unchanged are taken from `previous`, and only the
   * days that changed or are new are read. After one new day of events that is one day of rollups instead of 400.
   * The inventory (people, accounts, credentials, settings) is reused the same way, part by part, while the
   * versions of the tables each part reads are unchanged (bumped by the database on any change to the
   * organisation's rows, migration PostureDataVersion); unchanged parts are the very objects of `previous`.
   * The organisation's row, the leaver evidence (which depends on `asOf` and on every event) and the risks people
   * accepted are read each time.
   */
  async loadWith(organizationId: string, asOf: Date, previous: ActivityCache | null): Promise<{ input: PostureInput; activity: ActivityCache }> {
    const q = <T>(sql: string, params: unknown[] = [organizationId]) => this.dataSource.query(sql, params) as Promise<T[]>;
    // Versions first, data after: a change committed in between is read with the older version, and so read again next time.
    const [[org], versionRows] = await Promise.all([
      q<{ id: string; slug: string; name: string; approved_countries: string[]; currency: string; fiscal_year_start_month: number }>(
        // Approved countries as of the evaluated day: the standing list and the time-bounded approvals in force then.
        `SELECT o.id, o.slug, o.name, ${approvedCountriesAtSql('$2')} AS approved_countries, o.currency, o.fiscal_year_start_month
           FROM organization o WHERE o.id = $1`,
        [organizationId, asOf],
      ),
      q<{ table_name: string; version: string }>(`SELECT table_name, version::text AS version FROM posture_data_version WHERE organization_id = $1`),
    ]);
    if (!org) throw new Error(`Organization ${organizationId} not found`);
    const versions = new Map(versionRows.map((r) => [r.table_name, r.version]));
    const timings: Record<string, number> = {};
    const parts = new Map<string, InventoryPart>();
    const partsRead: string[] = [];
    /** One part of the inventory: reused from `previous` while the versions of the tables it reads are unchanged. */
    const part = <T>(name: string, tables: readonly string[], read: () => Promise<T>): Promise<T> => {
      const readAt = tables.map((table) => versions.get(table) ?? '').join('|');
      const known = previous?.inventory?.get(name);
      if (known && known.versions === readAt) {
        parts.set(name, known);
        return Promise.resolve(known.value as T);
      }
      partsRead.push(name);
      return timed(timings, name, read()).then((value) => {
        parts.set(name, { versions: readAt, value });
        return value;
      });
    };

    // Managers and reviewers are matched to identities by e-mail here, not by self-joins: a join's plan
    // depends on table statistics, and right after a large ingest (before autovacuum analyses) PostgreSQL
    // chose a nested loop over every pair of identities.
    const people = part('identities', ['identity'], async () => {
      const rows = await q<Record<string, unknown>>(`SELECT * FROM identity WHERE organization_id = $1`);
      const identityByEmail = new Map<string, string>();
      for (const r of rows) if (r['email'] !== null) identityByEmail.set(r['email'] as string, r['id'] as string);
      const identityOf = (email: unknown): string | null => (typeof email === 'string' ? (identityByEmail.get(email) ?? null) : null);
      const identities = rows.map(
        (r): Identity => ({
          id: r['id'] as string,
          displayName: r['display_name'] as string,
          email: r['email'] as string | null,
          employeeNumber: r['employee_number'] as string | null,
          employmentType: r['employment_type'] as Identity['employmentType'],
          status: r['status'] as Identity['status'],
          startDate: date(r['start_date'] as string | null),
          terminationDate: date(r['termination_date'] as string | null),
          workCountry: r['work_country'] as string | null,
          teamId: r['team_id'] as string | null,
          managerIdentityId: identityOf(r['manager_email']),
        }),
      );
      return { identities, identityOf };
    });

    const [teams, { identities }, accounts, credentials, entitlements, offshoreApprovals, accessReviewCampaigns, accessReviewDecisions, dataSources, budgets, rotationPolicyOverrides, principalAliases, rollups, samples, riskAcceptances] =
      await Promise.all([
        part('teams', ['team'], async () =>
          (await q<{ id: string; name: string; lead_identity_id: string | null }>(`SELECT id, name, lead_identity_id FROM team WHERE organization_id = $1`)).map(
            (t) => ({ id: t.id, name: t.name, leadIdentityId: t.lead_identity_id }),
          ),
        ),
        people,
        part('accounts', ['account'], async () =>
          (await q<Record<string, unknown>>(`SELECT * FROM account WHERE organization_id = $1`)).map(
            (r): Account => ({
              id: r['id'] as string,
              identityId: r['identity_id'] as string | null,
              system: r['system'] as string,
              externalId: r['external_id'] as string,
              userName: r['user_name'] as string,
              createdAt: date(r['created_at'] as Date | null),
              status: r['status'] as Account['status'],
              deactivatedAt: date(r['deactivated_at'] as Date | null),
              lastLoginAt: date(r['last_login_at'] as Date | null),
              identityProvider: IDENTITY_PROVIDER_SYSTEMS.has(r['system'] as string),
              onPremisesSync: r['on_premises_sync'] === true,
            }),
          ),
        ),
        part('credentials', ['credential'], async () => (await q<Record<string, unknown>>(`SELECT * FROM credential WHERE organization_id = $1`)).map(toCredential)),
        part('entitlements', ['entitlement', 'account'], async () =>
          (
            await q<Record<string, unknown>>(
              `SELECT e.id, e.account_id, a.system, e.name, e.privileged, e.production
                 FROM entitlement e JOIN account a ON a.id = e.account_id WHERE e.organization_id = $1`,
            )
          ).map((r) => ({
            id: r['id'] as string,
            accountId: r['account_id'] as string,
            system: r['system'] as string,
            name: r['name'] as string,
            privileged: r['privileged'] as boolean,
            production: r['production'] as boolean,
          })),
        ),
        part('offshoreApprovals', ['offshore_approval'], async () =>
          (await q<Record<string, unknown>>(`SELECT * FROM offshore_approval WHERE organization_id = $1`)).map((r) => ({
            id: r['id'] as string,
            identityId: r['identity_id'] as string,
            approver: r['approver_email'] as string,
            scope: r['scope'] as string,
            country: r['country'] as string | null,
            grantedAt: date(r['created_at'] as Date)!,
            expiresAt: date(r['expires_at'] as Date | null),
          })),
        ),
        part('accessReviewCampaigns', ['access_review_campaign', 'access_review_decision'], async () =>
          (
            await q<Record<string, unknown>>(
              `SELECT c.*, GREATEST(c.total_items, (SELECT count(*) FROM access_review_decision d WHERE d.campaign_id = c.id))::int AS items
                 FROM access_review_campaign c WHERE c.organization_id = $1`,
            )
          ).map((r) => ({
            id: r['id'] as string,
            name: r['name'] as string,
            scope: r['scope'] as string,
            startsAt: date(r['starts_at'] as Date)!,
            dueAt: date(r['due_at'] as Date)!,
            closedAt: date(r['closed_at'] as Date | null),
            totalItems: r['items'] as number,
            ownerTeamId: r['owner_team_id'] as string | null,
          })),
        ),
        part('accessReviewDecisions', ['access_review_decision', 'identity'], async () => {
          const [rows, { identityOf }] = await Promise.all([
            q<Record<string, unknown>>(`SELECT * FROM access_review_decision WHERE organization_id = $1 AND decision IS NOT NULL AND decided_at IS NOT NULL`),
            people,
          ]);
          return rows.map((r) => ({
            id: r['id'] as string,
            campaignId: r['campaign_id'] as string,
            reviewerIdentityId: identityOf(r['reviewer_email']),
            reviewerEmail: r['reviewer_email'] as string,
            subjectIdentityId: identityOf(r['identity_email']),
            subjectEmail: r['identity_email'] as string,
            entitlement: r['entitlement'] as string,
            decision: r['decision'] as 'KEEP' | 'REVOKE',
            decidedAt: date(r['decided_at'] as Date)!,
            reason: r['reason'] as string | null,
          }));
        }),
        part('dataSources', ['data_source'], async () =>
          (await q<Record<string, unknown>>(`SELECT * FROM data_source WHERE organization_id = $1`)).map((r) => ({
            id: r['id'] as string,
            name: r['name'] as string,
            type: r['type'] as string,
            category: dataSourceCategory(r['type'] as string),
            enabled: r['enabled'] as boolean,
            createdAt: date(r['created_at'] as Date)!,
            lastSuccessfulRunAt: date(r['last_successful_run_at'] as Date | null),
            expectedFreshnessHours: r['expected_freshness_hours'] as number,
          })),
        ),
        part('budgets', ['budget'], async () =>
          (await q<Record<string, unknown>>(`SELECT * FROM budget WHERE organization_id = $1`)).map((r) => ({
            fiscalYear: r['fiscal_year'] as number,
            itSpend: num(r['it_spend'] as string),
            securitySpend: num(r['security_spend'] as string),
            revenue: num(r['revenue'] as string),
            currency: (r['currency'] as string).trim(),
          })),
        ),
        part('rotationPolicyOverrides', ['rotation_policy'], async () =>
          (await q<Record<string, unknown>>(`SELECT * FROM rotation_policy WHERE organization_id = $1`)).map(
            (r): RotationPolicyOverride => ({
              teamId: r['team_id'] as string | null,
              kind: r['credential_kind'] as RotationPolicyOverride['kind'],
              environment: r['environment'] === '*' ? null : (r['environment'] as RotationPolicyOverride['environment']),
              maxAgeDays: r['max_age_days'] as number,
              warningDays: r['warning_days'] as number,
              graceDays: r['grace_days'] as number,
              reason: null,
            }),
          ),
        ),
        part('principalAliases', ['identity_alias', 'account'], async () =>
          (
            await q<{ principal: string; identity_id: string }>(
              `SELECT alias AS principal, identity_id FROM identity_alias WHERE organization_id = $1
               UNION SELECT user_name, identity_id FROM account WHERE organization_id = $1 AND identity_id IS NOT NULL
               UNION SELECT external_id, identity_id FROM account WHERE organization_id = $1 AND identity_id IS NOT NULL`,
            )
          ).map((a) => ({ principal: a.principal, identityId: a.identity_id })),
        ),
        timed(timings, 'activity', this.activity(organizationId, asOf, previous)),
        timed(timings, 'leaverSamples', this.leaverSamples(organizationId, asOf, LEAVER_TABLES.map((t) => versions.get(t) ?? '').join('|'), previous?.leaverSamples ?? null)),
        timed(timings, 'riskAcceptances', this.riskAcceptances(organizationId)),
      ]);
    const flattening = performance.now();
    // concat copies the days' arrays whole: flatMap, element by element, took 0.2–0.5 s for 600,000 rollups.
    const allRollups = ([] as ActivityRollup[]).concat(...[...rollups.days.values()].map((d) => d.rollups));
    timings['flattenRollups'] = Math.round(performance.now() - flattening);

    const input: PostureInput = {
      organisation: {
        id: org.id,
        slug: org.slug,
        name: org.name,
        approvedCountries: org.approved_countries,
        currency: org.currency,
        fiscalYearStartMonth: org.fiscal_year_start_month,
      },
      teams,
      identities,
      accounts,
      credentials,
      entitlements,
      offshoreApprovals,
      accessReviewCampaigns,
      accessReviewDecisions,
      dataSources,
      budgets,
      rotationPolicyOverrides,
      principalAliases,
      activity: { rollups: allRollups, samples: samples.samples },
      riskAcceptances,
    };
    return { input, activity: { ...rollups, inventory: parts, inventoryRead: partsRead, timings, leaverSamples: samples } };
  }

  /**
   * The risks people accepted, as the findings' status history records them. Read each time (every evaluation
   * writes findings, so the finding version would not spare the read; the rows are few): rules read only those
   * before the day they judge, so there is no filter on `asOf` here.
   */
  private async riskAcceptances(organizationId: string): Promise<RiskAcceptance[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.fingerprint, h.changed_at FROM finding_status_change h JOIN finding f ON f.id = h.finding_id
        WHERE f.organization_id = $1 AND h.to_status = 'RISK_ACCEPTED' AND h.actor_type = 'USER'
        ORDER BY h.changed_at, f.fingerprint`,
      [organizationId],
    )) as { fingerprint: string; changed_at: Date }[];
    return rows.map((r) => ({ fingerprint: r.fingerprint, acceptedAt: r.changed_at }));
  }

  /** The window's rollups by day, each day read again only when its version changed since `previous`. */
  private async activity(organizationId: string, asOf: Date, previous: ActivityCache | null): Promise<ActivityCache> {
    const window = [organizationId, asOf, ACTIVITY_WINDOW_DAYS];
    // The database bumps a day's version whenever its rollups change (migration ActivityDayVersion).
    const versions = (await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, version::text AS version FROM activity_day_version WHERE ${inWindow} ORDER BY day`,
      window,
    )) as { day: string; version: string }[];
    const reused = new Map<string, ActivityDay>();
    const toRead: string[] = [];
    for (const { day, version } of versions) {
      const known = previous?.days.get(day);
      if (known && known.version === version) reused.set(day, known);
      else toRead.push(day);
    }
    const read = new Map<string, ActivityRollup[]>();
    // Read a few weeks at a time, and share repeated strings (a principal appears on many days): at 6M
    // rollups, one result set and its row objects alongside the rollups did not fit a 4 GB heap.
    const intern = new Map<string, string>();
    const shared = (value: string): string => {
      const known = intern.get(value);
      if (known !== undefined) return known;
      intern.set(value, value);
      return value;
    };
    for (let start = 0; start < toRead.length; start += DAYS_PER_READ) {
      const days = toRead.slice(start, start + DAYS_PER_READ);
      const rows = (await this.dataSource.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, principal, credential_external_id, country,
                events::float8 AS events, bytes::float8 AS bytes, records::float8 AS records
           FROM access_daily_rollup
          WHERE organization_id = $1 AND day = ANY($2::date[])
          ORDER BY day, principal, credential_external_id, country`,
        [organizationId, days],
      )) as { day: string; principal: string; credential_external_id: string; country: string; events: number; bytes: number; records: number }[];
      let list: ActivityRollup[] = [];
      let listDay = '';
      for (const r of rows) {
        if (r.day !== listDay) {
          listDay = r.day;
          list = read.get(listDay) ?? [];
          read.set(listDay, list);
        }
        list.push({
          day: listDay,
          principal: shared(r.principal),
          credentialExternalId: r.credential_external_id === '' ? null : shared(r.credential_external_id),
          country: r.country === '' ? null : shared(r.country),
          source: 'events',
          events: r.events,
          bytes: r.bytes,
          records: r.records,
        });
      }
    }
    const days = new Map<string, ActivityDay>();
    for (const { day, version } of versions) days.set(day, reused.get(day) ?? { version, rollups: read.get(day) ?? [] });
    return { days, daysRead: toRead.length };
  }

  /**
   * The first uses, after termination or deactivation, of principals belonging to leavers (at most
   * SAMPLES_PER_PRINCIPAL each, earliest first). With the evidence of an earlier load read from the same leaver
   * tables at an earlier instant, only events from the earliest instant anything may have changed on (that
   * load's as-of, or the first day whose activity changed since) are read: every event before it is as it was,
   * so a principal's first uses before it are the ones read then, and the rest of its first uses come after it.
   */
  private async leaverSamples(organizationId: string, asOf: Date, versions: string, previous: LeaverSamples | null): Promise<LeaverSamples> {
    const usable = previous !== null && previous.versions === versions && previous.asOf <= asOf.getTime() ? previous : null;
    // The day versions first, the events after: a day changed in between is read again next time.
    const [days] = (await this.dataSource.query(
      `SELECT coalesce(max(version), 0)::text AS latest, to_char(min(day) FILTER (WHERE version > $2::bigint), 'YYYY-MM-DD') AS changed_from
         FROM activity_day_version WHERE organization_id = $1`,
      [organizationId, usable?.dayVersion ?? '0'],
    )) as { latest: string; changed_from: string | null }[];
    const from = usable
      ? new Date(Math.min(usable.asOf, days!.changed_from === null ? Infinity : Date.parse(`${days!.changed_from}T00:00:00Z`)))
      : new Date(0);
    const read = await this.leaverSamplesFrom(organizationId, asOf, from);
    if (!usable) return { versions, asOf: asOf.getTime(), dayVersion: days!.latest, samples: read };
    // Before `from`: what was read then, in its order; after it, in the order just read (all of it is later).
    const kept = usable.samples.filter((sample) => sample.occurredAt.getTime() < from.getTime());
    const count = new Map<string, number>();
    for (const sample of kept) count.set(sample.principal, (count.get(sample.principal) ?? 0) + 1);
    const added = read.filter((sample) => {
      const n = count.get(sample.principal) ?? 0;
      if (n >= SAMPLES_PER_PRINCIPAL) return false;
      count.set(sample.principal, n + 1);
      return true;
    });
    return { versions, asOf: asOf.getTime(), dayVersion: days!.latest, samples: [...kept, ...added] };
  }

  /**
   * The leaver evidence from `from` on. An event is evidence when its principal or its credential is the
   * leaver's, and "principal OR credential" is a join no index serves (at 10M events it scanned every event
   * since each departure). So it is two lookups: by principal through access_event's (organization, principal,
   * occurred_at) index, and by credential through the rollups' credential index, which name the principals
   * that used the credential and from which day, whose events are then read through the principal index again.
   */
  private async leaverSamplesFrom(organizationId: string, asOf: Date, from: Date): Promise<ActivitySample[]> {
    const rows = (await this.dataSource.query(
      `WITH leaver AS (
         SELECT i.id, i.email, i.termination_date::timestamptz AS since FROM identity i
          WHERE i.organization_id = $1 AND i.termination_date IS NOT NULL AND i.termination_date::timestamptz <= $2
       ), leaver_principal AS (
         SELECT principal, min(since) AS since FROM (
           SELECT email AS principal, since FROM leaver WHERE email IS NOT NULL
           UNION ALL SELECT a.user_name, l.since FROM account a JOIN leaver l ON l.id = a.identity_id
           UNION ALL SELECT x.alias, l.since FROM identity_alias x JOIN leaver l ON l.id = x.identity_id
           UNION ALL SELECT c.external_id, l.since FROM credential c JOIN leaver l ON l.id = c.owner_identity_id
           UNION ALL SELECT a.user_name, a.deactivated_at FROM account a
            WHERE a.organization_id = $1 AND a.deactivated_at IS NOT NULL AND a.deactivated_at <= $2
         ) named GROUP BY principal
       ), by_principal AS (
         SELECT e.* FROM leaver_principal p
         CROSS JOIN LATERAL (
           SELECT * FROM access_event e
            WHERE e.organization_id = $1 AND e.principal = p.principal AND e.occurred_at >= p.since AND e.occurred_at >= $4 AND e.occurred_at <= $2
            ORDER BY e.occurred_at LIMIT $3
         ) e
       ), credential_user AS (
         SELECT p.principal AS credential, p.since, r.principal, min(r.day) AS first_day
           FROM leaver_principal p
           JOIN access_daily_rollup r
             ON r.organization_id = $1 AND r.credential_external_id <> '' AND r.credential_external_id = p.principal
            AND r.day >= (p.since AT TIME ZONE 'UTC')::date AND r.day >= ($4::timestamptz AT TIME ZONE 'UTC')::date
            AND r.day <= ($2::timestamptz AT TIME ZONE 'UTC')::date
          GROUP BY p.principal, p.since, r.principal
       ), by_credential AS (
         SELECT e.* FROM credential_user u
         CROSS JOIN LATERAL (
           SELECT * FROM access_event e
            WHERE e.organization_id = $1 AND e.principal = u.principal AND e.credential_external_id = u.credential
              AND e.occurred_at >= GREATEST(u.since, u.first_day::timestamp AT TIME ZONE 'UTC') AND e.occurred_at >= $4 AND e.occurred_at <= $2
            ORDER BY e.occurred_at LIMIT $3
         ) e
       ), ranked AS (
         SELECT m.*, row_number() OVER (PARTITION BY m.principal ORDER BY m.occurred_at, m.event_id) AS rn
           FROM (SELECT * FROM by_principal UNION SELECT * FROM by_credential) m
       )
       SELECT * FROM ranked WHERE rn <= $3 ORDER BY occurred_at, event_id`,
      [organizationId, asOf, SAMPLES_PER_PRINCIPAL, from],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      eventId: r['event_id'] as string,
      occurredAt: date(r['occurred_at'] as Date)!,
      principal: r['principal'] as string,
      credentialExternalId: r['credential_external_id'] as string | null,
      country: r['country'] as string | null,
      sourceIp: r['source_ip'] as string | null,
      action: r['action'] as string,
      resource: r['resource'] as string | null,
      bytes: r['bytes'] === null ? null : Number(r['bytes']),
      records: r['records'] === null ? null : Number(r['records']),
      source: r['source'] as string,
      success: r['success'] as boolean,
    }));
  }
}

function toCredential(r: Record<string, unknown>): Credential {
  return {
    id: r['id'] as string,
    kind: r['kind'] as Credential['kind'],
    name: r['name'] as string,
    algorithm: r['algorithm'] as string | null,
    environment: r['environment'] as Credential['environment'],
    createdAt: date(r['created_at'] as Date | null),
    lastRotatedAt: date(r['last_rotated_at'] as Date | null),
    expiresAt: date(r['expires_at'] as Date | null),
    lastUsedAt: date(r['last_used_at'] as Date | null),
    useObserved: r['use_observed'] === true,
    status: r['status'] as Credential['status'],
    deactivatedAt: date(r['deactivated_at'] as Date | null),
    ownerIdentityId: r['owner_identity_id'] as string | null,
    teamId: r['team_id'] as string | null,
    source: r['source'] as string,
    externalId: r['external_id'] as string,
    firstSeenAt: date(r['first_seen_at'] as Date)!,
    signedByCredentialId: r['signed_by_credential_id'] as string | null,
  };
}
