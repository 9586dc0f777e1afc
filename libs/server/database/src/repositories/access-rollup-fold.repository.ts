import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What a fold did: the days it recomputed (`YYYY-MM-DD`, ascending) and the rollup rows they now hold. */
export interface AccessRollupFold {
  days: string[];
  rollups: number;
}

const DAY = `(occurred_at AT TIME ZONE 'UTC')::date`;
/** Pending days folded per transaction when the fold runs in its own (`LIMIT NULL`, in the caller's: all). */
const DAYS_PER_TRANSACTION = 31;

/**
 * The daily rollups of raw events, as a step of its own on the write side. An events run records the days it
 * inserted events on in access_rollup_pending (in its own transaction); `fold` takes those days and recomputes
 * each one's rollups from access_event, plus what data lakes contributed to it (access_rollup_contribution),
 * replacing what the day held. Recomputing a day is exact and idempotent: a fold run twice, or over a day that
 * did not change, leaves the same rows. The evaluation job folds before it reads (EvaluationService), and so does
 * whoever reads rollups on the write side right after an ingest.
 *
 * Each fold transaction locks the organization's row `FOR UPDATE`, which waits for every run holding the rollup
 * writers' `FOR KEY SHARE` (lockOrganizationForRollups: events runs before they record a day, lake merges) and
 * keeps new ones waiting until the fold commits. So a run either committed before the fold (its events and
 * pending days are seen) or records its days after it (they stay pending for the next fold). A failed fold
 * transaction rolls back whole: the previous rollups of its days stay, and so do their pending rows.
 */
@Injectable()
export class AccessRollupFoldRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Folds the organization's pending days. In `manager`'s transaction when given (it must be one): every pending
   * day at once. Else in transactions of its own, a month of days each (oldest first): the organization's row is
   * locked `FOR UPDATE` while one runs, which holds back every write referencing it (its ingest runs, but also
   * anything else with a foreign key to it), so a year backfilled in one run is not one long lock.
   */
  async fold(organizationId: string, manager?: EntityManager): Promise<AccessRollupFold> {
    if (manager) return this.foldIn(manager, organizationId, null);
    const done: AccessRollupFold = { days: [], rollups: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction((m) => this.foldIn(m, organizationId, DAYS_PER_TRANSACTION));
      done.days.push(...batch.days);
      done.rollups += batch.rollups;
      if (batch.days.length < DAYS_PER_TRANSACTION) return done;
    }
  }

  private async foldIn(manager: EntityManager, organizationId: string, limit: number | null): Promise<AccessRollupFold> {
    const locked = (await manager.query(`SELECT 1 FROM organization WHERE id = $1 FOR UPDATE`, [organizationId])) as unknown[];
    if (locked.length === 0) return { days: [], rollups: 0 };
    const [taken] = (await manager.query(
      `WITH taken AS (
         DELETE FROM access_rollup_pending WHERE organization_id = $1
            AND day IN (SELECT day FROM access_rollup_pending WHERE organization_id = $1 ORDER BY day LIMIT $2)
         RETURNING day)
       SELECT coalesce(array_agg(to_char(day, 'YYYY-MM-DD') ORDER BY day), '{}') AS days FROM taken`,
      [organizationId, limit],
    )) as { days: string[] }[];
    const days = taken!.days;
    if (days.length === 0) return { days, rollups: 0 };
    await manager.query(`SELECT set_config('work_mem', '64MB', true)`);
    await manager.query(`DELETE FROM access_daily_rollup WHERE organization_id = $1 AND day = ANY($2::date[])`, [organizationId, days]);
    // Events: the bounds let the planner keep to the pending days' partitions, and the days are a semi-join (a
    // hash or merge), not `= ANY(array)`, which compares each event with every day (a year of days: 5× the
    // statement). A refused attempt (`success` false) is no use of access and has no rollup.
    const events = `SELECT ${DAY} AS day, principal, COALESCE(credential_external_id, '') AS credential_external_id, COALESCE(country, '') AS country,
         count(*) AS events, COALESCE(sum(bytes), 0) AS bytes, COALESCE(sum(records), 0) AS records, min(occurred_at) AS first_at, max(occurred_at) AS last_at
       FROM access_event
      WHERE organization_id = $1 AND success AND ${DAY} IN (SELECT unnest($2::date[]))
        AND occurred_at >= ($3::date)::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC'
      GROUP BY 1, 2, 3, 4`;
    // A lake's key starts at the day's bounds (it gives the day, not the times), as AccessRollupStoreRepository.merge
    // writes it; figures it brought down to zero add nothing. Most days have no lake rows: then no second GROUP BY.
    const lake = `SELECT day, principal, credential_external_id, country, events, bytes, records,
         day::timestamp AT TIME ZONE 'UTC' AS first_at, (day + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 millisecond' AS last_at
       FROM access_rollup_contribution
      WHERE organization_id = $1 AND day = ANY($2::date[]) AND (events <> 0 OR bytes <> 0 OR records <> 0)`;
    const [contributed] = (await manager.query(`SELECT EXISTS (${lake}) AS some`, [organizationId, days])) as { some: boolean }[];
    const rows = contributed!.some
      ? `SELECT day, principal, credential_external_id, country, sum(events), sum(bytes), sum(records), min(first_at), max(last_at)
           FROM (${events} UNION ALL ${lake}) parts GROUP BY day, principal, credential_external_id, country`
      : events;
    // Sorted by principal and credential, the insert walks two of the rollup's three indexes in order.
    const [inserted] = (await manager.query(
      `WITH folded AS (
         INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         SELECT $1, r.* FROM (${rows}) r ORDER BY 3, 4, 2, 5
         RETURNING 1)
       SELECT count(*)::int AS rollups FROM folded`,
      [organizationId, days, days[0], days[days.length - 1]],
    )) as { rollups: number }[];
    return { days, rollups: inserted!.rollups };
  }
}
