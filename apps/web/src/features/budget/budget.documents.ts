import { gql } from '../../data-access/graphql-client.js';
import type { BudgetFieldsFragment, BudgetPageQuery, BudgetPageQueryVariables, SetBudgetMutation, SetBudgetMutationVariables } from '../../data-access/graphql.generated.js';

export type BudgetView = BudgetFieldsFragment;

const BUDGET_FIELDS = /* GraphQL */ `
  fragment BudgetFields on Budget { fiscalYear itSpend securitySpend revenue currency securityToItRatio securityToRevenueRatio itStatus revenueStatus }
`;

export const BUDGET_QUERY = gql<BudgetPageQuery, BudgetPageQueryVariables>(`
  query BudgetPage($org: String!) {
    budgets(org: $org) { ...BudgetFields }
    organization(slug: $org) { currency }
    posture(org: $org) { budget { itBenchmark revenueBenchmark } }
  }
  ${BUDGET_FIELDS}
`);

export const SET_BUDGET = gql<SetBudgetMutation, SetBudgetMutationVariables>(`
  mutation SetBudget($org: String!, $input: BudgetInput!) {
    setBudget(org: $org, input: $input) { ...BudgetFields }
  }
  ${BUDGET_FIELDS}
`);
