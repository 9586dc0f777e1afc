import { Module } from '@nestjs/common';
import { OrganizationModule } from '@postureboard/server-organization';
import { RotationPolicyResolver } from './rotation-policy.resolver.js';
import { RotationPolicyService } from './rotation-policy.service.js';
import { SettingsResolver } from './settings.resolver.js';
import { TeamService } from './team.service.js';

/** Teams, rotation policies and approved countries (repositories come from the global DatabaseModule). */
@Module({
  imports: [OrganizationModule],
  providers: [TeamService, RotationPolicyService, SettingsResolver, RotationPolicyResolver],
  exports: [TeamService, RotationPolicyService],
})
export class SettingsModule {}
