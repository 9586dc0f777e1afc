import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertTeamAccess, CurrentAccess, CurrentCaller, Role, Roles, type Caller, type OrgAccess } from '@postureboard/server-auth';
import { OrganizationService } from '@postureboard/server-organization';
import { OrganizationObject } from '../common/organization.object.js';
import { TeamObject } from '../common/team.object.js';
import { CountryApprovalObject } from './dtos/country-approval.object.js';
import { ANY_MEMBER, SETTINGS_WRITERS } from './access-roles.js';
import { settingsGraphql } from './settings.graphql-error.js';
import { TeamService } from './team.service.js';

@Resolver(() => TeamObject)
@Roles(...SETTINGS_WRITERS)
export class SettingsResolver {
  constructor(
    private readonly teamService: TeamService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => [TeamObject], { description: 'Teams of the organization, by name' })
  @Roles(...ANY_MEMBER)
  teams(@Args('org', { type: () => String }) org: string): Promise<TeamObject[]> {
    return settingsGraphql(() => this.teamService.list(org));
  }

  @Mutation(() => TeamObject)
  createTeam(
    @Args('org', { type: () => String }) org: string,
    @Args('name', { type: () => String }) name: string,
    @Args('leadEmail', { type: () => String, nullable: true }) leadEmail: string | null,
  ): Promise<TeamObject> {
    return settingsGraphql(() => this.teamService.create(org, { name, leadEmail }));
  }

  @Mutation(() => TeamObject, {
    description: "Set the day (YYYY-MM-DD) by which the team means to have no overdue credential, drawn on its burn-down; null clears it (default: the current quarter's last day)",
  })
  @Roles(...SETTINGS_WRITERS, Role.ENGINEERING_LEAD)
  setTeamRotationTarget(
    @Args('org', { type: () => String }) org: string,
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('targetDate', { type: () => String, nullable: true }) targetDate: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<TeamObject> {
    return settingsGraphql(async () => {
      // An engineering lead sets the targets of the teams they lead.
      assertTeamAccess(access, teamId);
      return this.teamService.setRotationTarget(org, teamId, targetDate ?? null);
    });
  }

  @Mutation(() => OrganizationObject, { description: 'Countries (ISO 3166 alpha-2) from which access is expected; replaces the list' })
  setApprovedCountries(
    @Args('org', { type: () => String }) org: string,
    @Args('countries', { type: () => [String] }) countries: string[],
  ): Promise<OrganizationObject> {
    return settingsGraphql(() => this.organizations.setApprovedCountries(org, countries));
  }

  @Query(() => [CountryApprovalObject], { description: 'Time-bounded country approvals in force now, soonest to expire first' })
  @Roles(...ANY_MEMBER)
  countryApprovals(@Args('org', { type: () => String }) org: string): Promise<CountryApprovalObject[]> {
    return settingsGraphql(() => this.organizations.countryApprovals(org));
  }

  @Mutation(() => CountryApprovalObject, {
    description: 'Approve access from a country until an expiry (at most a year), with a reason; renews an approval in force',
  })
  approveCountry(
    @Args('org', { type: () => String }) org: string,
    @Args('country', { type: () => String }) country: string,
    @Args('reason', { type: () => String }) reason: string,
    @Args('expiresAt', { type: () => Date }) expiresAt: Date,
    @CurrentCaller() caller: Caller,
  ): Promise<CountryApprovalObject> {
    return settingsGraphql(() => this.organizations.approveCountry(org, { country, reason, expiresAt, approvedBy: caller.email }));
  }

  @Mutation(() => Boolean, { description: 'End the approval of a country in force now; its history is kept' })
  async withdrawCountryApproval(@Args('org', { type: () => String }) org: string, @Args('country', { type: () => String }) country: string): Promise<boolean> {
    await settingsGraphql(() => this.organizations.withdrawCountryApproval(org, country));
    return true;
  }
}
