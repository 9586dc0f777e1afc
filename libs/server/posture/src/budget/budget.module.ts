import { Module } from '@nestjs/common';
import { OrganizationModule } from '@postureboard/server-organization';
import { BudgetResolver } from './budget.resolver.js';
import { BudgetService } from './budget.service.js';

@Module({ imports: [OrganizationModule], providers: [BudgetService, BudgetResolver], exports: [BudgetService] })
export class BudgetModule {}
