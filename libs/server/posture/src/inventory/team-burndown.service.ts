import { Injectable } from '@nestjs/common';
import { defaultTargetDay, formatTargetDay, idealBurndown, keysBehindTarget, parseTargetDay } from '@postureboard/domain';
import { withinTeamScope, type TeamScope } from '@postureboard/server-auth';
import { CredentialViewRepository, TeamRepository, type CredentialSlaInput } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { RotationPolicyService } from '../settings/rotation-policy.service.js';
import { burndownWeeks, weekEndOf } from './credential-inventory.service.js';
import { overdueCounts } from './overdue-counts.js';

export interface TeamBurndownView {
  teamId: string;
  /** `YYYY-MM-DD`: zero overdue credentials by this day. */
  targetDate: string;
  /** No target set for the team: targetDate is the default (the last day of the current quarter). */
  targetIsDefault: boolean;
  /** This week: 0 = on track (at or under the target line), else whole keys over it. */
  keysBehindTarget: number;
  points: { weekOf: Date; overdue: number; target: number }[];
}

/**
 * Each team's overdue credentials per week beside its target line. Always recomputed from the inventory with
 * today's policies (the stored weekly snapshots count the whole organisation, not teams), one domain pass per
 * team over that team's credentials only.
 */
@Injectable()
export class TeamBurndownService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly policies: RotationPolicyService,
    private readonly credentialViews: CredentialViewRepository,
    private readonly teams: TeamRepository,
  ) {}

  /**
   * Teams in `scope` that own a credential or have set a target, the most overdue this week first. A team's
   * ideal line starts at its own count in the window's first week.
   */
  async teamBurndowns(orgSlug: string, weeks: number, asOf: Date, scope: TeamScope): Promise<TeamBurndownView[]> {
    const weekStarts = burndownWeeks(weeks, asOf);
    const instants = weekStarts.map((week) => weekEndOf(week, asOf));
    const organization = await this.organizations.getBySlug(orgSlug);
    const teams = withinTeamScope(scope, await this.teams.findAll(organization.id), (team) => team.id);
    const byTeam = new Map<string, CredentialSlaInput[]>();
    for (const input of await this.credentialViews.slaInputs(organization.id)) {
      if (input.effectiveTeamId === null) continue;
      const owned = byTeam.get(input.effectiveTeamId);
      if (owned) owned.push(input);
      else byTeam.set(input.effectiveTeamId, [input]);
    }
    const { resolve } = await this.policies.resolution(organization.id);
    const fallback = formatTargetDay(defaultTargetDay(asOf));
    const views = teams
      .filter((team) => byTeam.has(team.id) || team.rotationTargetDate !== null)
      .map((team): TeamBurndownView & { name: string } => {
        const counts = overdueCounts(byTeam.get(team.id) ?? [], resolve, instants);
        const targetDate = team.rotationTargetDate ?? fallback;
        const ideal = idealBurndown(weekStarts, counts[0] ?? 0, parseTargetDay(targetDate)!);
        return {
          teamId: team.id,
          name: team.name,
          targetDate,
          targetIsDefault: team.rotationTargetDate === null,
          keysBehindTarget: keysBehindTarget(counts[counts.length - 1] ?? 0, ideal[ideal.length - 1] ?? 0),
          points: weekStarts.map((weekOf, i) => ({ weekOf, overdue: counts[i]!, target: ideal[i]! })),
        };
      });
    return views
      .sort((a, b) => b.points[b.points.length - 1]!.overdue - a.points[a.points.length - 1]!.overdue || a.name.localeCompare(b.name))
      .map(({ name: _name, ...view }) => view);
  }
}
