import { Module } from '@nestjs/common';
import { OrganizationResolver } from './organization.resolver.js';
import { OrganizationService } from './organization.service.js';

@Module({ providers: [OrganizationService, OrganizationResolver], exports: [OrganizationService] })
export class OrganizationModule {}
