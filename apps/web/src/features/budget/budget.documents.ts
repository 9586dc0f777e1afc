import { gql } from '../../data-access/graphql-client.js';
import type { Budget, BudgetInput, BudgetRatios } from '../../data-access/schema.types.js';

export const BUDGET_QUERY = gql<
  { budgets: Budget[]; organization: { currency: string }; posture: { budget: Pick<BudgetRatios, 'itBenchmark' | 'revenueBenchmark'> | null } },
  { org: string }
>(`
  query BudgetPage($org: String!) {
    budgets(org: $org) { fiscalYear itSpend securitySpend revenue currency securityToItRatio securityToRevenueRatio }
    organization(slug: $org) { currency }
    posture(org: $org) { budget { itBenchmark revenueBenchmark } }
  }
`);

export const SET_BUDGET = gql<{ setBudget: Budget }, { org: string; input: BudgetInput }>(`
  mutation SetBudget($org: String!, $input: BudgetInput!) {
    setBudget(org: $org, input: $input) { fiscalYear itSpend securitySpend revenue currency securityToItRatio securityToRevenueRatio }
  }
`);
