import { Module } from '@nestjs/common';
import { OrganizationModule } from '@postureboard/server-organization';
import { SettingsModule } from '../settings/settings.module.js';
import { AccessResolver } from './access.resolver.js';
import { CredentialInventoryService } from './credential-inventory.service.js';
import { CredentialResolver } from './credential.resolver.js';
import { CrossBorderService } from './cross-border.service.js';
import { LeaverService } from './leaver.service.js';
import { RotationSlaResolver } from './rotation-sla.resolver.js';
import { TeamBurndownResolver } from './team-burndown.resolver.js';
import { TeamBurndownService } from './team-burndown.service.js';

/** The inventory pages: key rotation board, leavers, cross-border access (repositories from the global DatabaseModule). */
@Module({
  imports: [OrganizationModule, SettingsModule],
  providers: [CredentialInventoryService, TeamBurndownService, LeaverService, CrossBorderService, CredentialResolver, RotationSlaResolver, TeamBurndownResolver, AccessResolver],
  exports: [CredentialInventoryService, LeaverService, CrossBorderService],
})
export class InventoryModule {}
