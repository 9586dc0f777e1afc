import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@postureboard/server-auth';
import { ANY_MEMBER, SETTINGS_WRITERS } from '../settings/access-roles.js';
import { budgetGraphql } from './budget.graphql-error.js';
import { BudgetService } from './budget.service.js';
import { BudgetInputObject, BudgetObject } from './dtos/budget.object.js';

@Resolver(() => BudgetObject)
@Roles(...SETTINGS_WRITERS)
export class BudgetResolver {
  constructor(private readonly budgetService: BudgetService) {}

  @Query(() => [BudgetObject], { description: 'Recorded budgets, newest fiscal year first' })
  @Roles(...ANY_MEMBER)
  budgets(@Args('org', { type: () => String }) org: string): Promise<BudgetObject[]> {
    return budgetGraphql(() => this.budgetService.list(org));
  }

  @Mutation(() => BudgetObject, { description: 'Record (or replace) one fiscal year of spend' })
  setBudget(
    @Args('org', { type: () => String }) org: string,
    @Args('input', { type: () => BudgetInputObject }) input: BudgetInputObject,
  ): Promise<BudgetObject> {
    return budgetGraphql(() => this.budgetService.set(org, { ...input }));
  }
}
