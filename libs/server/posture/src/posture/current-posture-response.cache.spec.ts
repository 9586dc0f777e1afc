import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { currentPostureRead } from './current-posture-response.cache.js';

const operation = (source: string): OperationDefinitionNode =>
  parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

describe('which operations are reads of the stored current posture', () => {
  it('takes the overview: posture and scoreHistory of one organisation, by variable or literal', () => {
    expect(currentPostureRead(operation('query O($org: String!) { posture(org: $org) { overallScore } scoreHistory(org: $org, weeks: 52) { asOf } }'), { org: 'demo' })).toEqual({ slug: 'demo' });
    expect(currentPostureRead(operation('{ __typename posture(org: "demo") { overallScore } }'), {})).toEqual({ slug: 'demo' });
  });

  it.each([
    ['an instant given (evaluated on demand)', 'query O($org: String!) { posture(org: $org, asOf: "2026-01-01") { overallScore } }'],
    ['another root field', 'query O($org: String!) { posture(org: $org) { overallScore } findings(org: $org) { totalCount } }'],
    ['two organisations', 'query O($org: String!) { posture(org: $org) { overallScore } scoreHistory(org: "other") { asOf } }'],
    ['a mutation', 'mutation O($org: String!) { takeSnapshot(org: $org) { id } }'],
    ['a fragment at the root', 'query O { ...F } fragment F on Query { posture(org: "demo") { overallScore } }'],
    ['a directive', 'query O($org: String!, $x: Boolean!) { posture(org: $org) @include(if: $x) { overallScore } }'],
    ['no organisation', '{ __typename }'],
  ])('refuses %s', (_what, source) => {
    expect(currentPostureRead(operation(source), { org: 'demo', x: true })).toBeNull();
  });

  it('refuses an organisation that is not a string', () => {
    expect(currentPostureRead(operation('query O($org: String!) { posture(org: $org) { overallScore } }'), { org: 5 })).toBeNull();
  });
});
