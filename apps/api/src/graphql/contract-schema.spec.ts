import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { buildContractSchema, contractSchemaText } from './contract-schema.js';

const checkedIn = (): string => readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8');

describe('the GraphQL contract (schema.graphql)', () => {
  it('is what the resolvers build today: run `npm run schema` (then `npm run codegen`) after changing the API', async () => {
    const built = contractSchemaText(await buildContractSchema());
    // A plain equality would print the whole file on failure; the first differing line says what moved.
    const builtLines = built.split('\n');
    const fileLines = checkedIn().split('\n');
    const first = builtLines.findIndex((line, i) => line !== fileLines[i]);
    expect(first === -1 && builtLines.length === fileLines.length ? 'up to date' : `stale from line ${first + 1}: ${builtLines[first] ?? '(end)'}`).toBe('up to date');
  });

  it('declares score bands and benchmark statuses as enums, the values the web app compares against', () => {
    const schema = buildSchema(checkedIn());
    const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
    expect(enumValues('ScoreBand')).toEqual(['ADEQUATE', 'CRITICAL', 'STRONG', 'WEAK']);
    expect(enumValues('BenchmarkStatus')).toEqual(['ABOVE', 'BELOW', 'WITHIN']);
    const fieldType = (type: string, field: string) => String((schema.getType(type) as GraphQLObjectType).getFields()[field]!.type);
    expect([fieldType('Posture', 'overallBand'), fieldType('DomainScore', 'band'), fieldType('ScoreSnapshot', 'overallBand')]).toEqual(['ScoreBand', 'ScoreBand', 'ScoreBand']);
    expect([fieldType('BudgetRatios', 'itStatus'), fieldType('BudgetRatios', 'revenueStatus'), fieldType('Budget', 'itStatus')]).toEqual([
      'BenchmarkStatus',
      'BenchmarkStatus',
      'BenchmarkStatus',
    ]);
  });
});
