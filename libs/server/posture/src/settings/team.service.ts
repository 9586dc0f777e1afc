import { Injectable } from '@nestjs/common';
import { parseTargetDay } from '@postureboard/domain';
import { TeamRepository, type TeamRecord } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { SettingsError, SettingsErrorCode } from './settings.error.js';
import { isUuid } from './uuid.util.js';

const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Teams own keys and findings; their engineering leads answer for them. */
@Injectable()
export class TeamService {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly teams: TeamRepository,
  ) {}

  async list(orgSlug: string): Promise<TeamRecord[]> {
    const organization = await this.organizations.getBySlug(orgSlug);
    return this.teams.findAll(organization.id);
  }

  /** Names are unique per organisation regardless of case: "Payments" and "payments" are one team. */
  async create(orgSlug: string, input: { name: string; leadEmail?: string | null }): Promise<TeamRecord> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (!name) throw new SettingsError(SettingsErrorCode.INVALID_INPUT, 'Team name must not be empty');
    if (name.length > MAX_NAME_LENGTH) throw new SettingsError(SettingsErrorCode.INVALID_INPUT, `Team name must be at most ${MAX_NAME_LENGTH} characters`);
    const leadEmail = input.leadEmail?.trim().toLowerCase() || null;
    if (leadEmail !== null && !EMAIL.test(leadEmail)) throw new SettingsError(SettingsErrorCode.INVALID_INPUT, `"${leadEmail}" is not an e-mail address`);
    const existing = (await this.teams.findAll(organization.id)).find((team) => team.name.toLowerCase() === name.toLowerCase());
    if (existing) throw new SettingsError(SettingsErrorCode.TEAM_NAME_TAKEN, `A team named "${existing.name}" already exists`);
    return this.teams.upsert(organization.id, name, leadEmail);
  }

  /** The team, which must belong to the organisation (ids from another tenant are "not found"). */
  async getInOrganization(organizationId: string, teamId: string): Promise<TeamRecord> {
    const team = isUuid(teamId) ? (await this.teams.findByIds([teamId]))[0] : undefined;
    if (!team || team.organizationId !== organizationId) throw new SettingsError(SettingsErrorCode.TEAM_NOT_FOUND, `No team with id "${teamId}" in this organization`);
    return team;
  }

  /**
   * Sets the day by which the team means to have no overdue credential (`YYYY-MM-DD`), or clears it (null:
   * the burn-down draws the default target). Any calendar day is accepted, a past one too: a missed target
   * stays visible rather than being refused.
   */
  async setRotationTarget(orgSlug: string, teamId: string, targetDate: string | null): Promise<TeamRecord> {
    const organization = await this.organizations.getBySlug(orgSlug);
    const day = targetDate === null ? null : targetDate.trim();
    if (day !== null && !parseTargetDay(day)) throw new SettingsError(SettingsErrorCode.INVALID_INPUT, `"${day}" is not a calendar day (YYYY-MM-DD)`);
    const team = await this.getInOrganization(organization.id, teamId);
    const updated = await this.teams.setRotationTarget(team.id, day);
    if (!updated) throw new SettingsError(SettingsErrorCode.TEAM_NOT_FOUND, `No team with id "${teamId}" in this organization`);
    return updated;
  }
}
