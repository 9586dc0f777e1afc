import { describe, expect, it } from '@jest/globals';
import { gql } from '../../data-access/graphql-client.js';
import { BUDGET_QUERY, SET_BUDGET } from '../../features/budget/budget.documents.js';
import { OVERVIEW_QUERY } from '../../features/overview/overview.documents.js';
import { rootFieldsOf } from './root-fields.js';

describe('the root fields of an operation document', () => {
  it('are the top-level selections, not nested fields, arguments or fragments', () => {
    expect(rootFieldsOf(OVERVIEW_QUERY)).toEqual(['posture', 'scoreHistory']);
    expect(rootFieldsOf(BUDGET_QUERY)).toEqual(['budgets', 'organization', 'posture']);
    expect(rootFieldsOf(SET_BUDGET)).toEqual(['setBudget']);
  });

  it('name the field behind an alias, and skip string arguments and directives', () => {
    const document = gql(`query Q($on: Boolean!) { a: teams(org: "x { y }") { id } findings(org: "(") @include(if: $on) { totalCount } }`);
    expect(rootFieldsOf(document)).toEqual(['teams', 'findings']);
  });
});
