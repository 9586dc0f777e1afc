import { buildSchema, GraphQLID, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type OperationDefinitionNode } from 'graphql';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, EVALUATION_COST, measureOperation } from './query-limits.js';

const schema = buildSchema(`
  type Query { node: Node, nodes(limit: Int): [Node!]! }
  type Node { id: ID!, name: String, child: Node, children(first: Int): [Node!]! }
`);

const measure = (query: string) => {
  const document = parse(query);
  return measureOperation(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode);
};

describe('query limits', () => {
  it('measures depth through nested fields and fragments', () => {
    expect(measure('{ node { id } }').depth).toBe(2);
    expect(measure('{ node { child { child { id } } } }').depth).toBe(4);
    expect(measure('{ node { ...F } } fragment F on Node { child { child { name } } }').depth).toBe(4);
  });

  it('multiplies the cost of what sits under a list by its page size (10 when unstated)', () => {
    // One object per row loaded; scalars read from a loaded row are free. node: 1 × (1 + id 0) = 1
    expect(measure('{ node { id } }').cost).toBe(1);
    // nodes: 100 × (1 + id 0 + name 0) = 100
    expect(measure('{ nodes(limit: 100) { id name } }').cost).toBe(100);
    // nodes: 10 × (1 + children: 10 × (1 + id 0)) = 10 × 11 = 110
    expect(measure('{ nodes { children { id } } }').cost).toBe(110);
  });

  it('counts every alias, and ignores introspection', () => {
    expect(measure('{ a: node { id } b: node { id } c: node { id } }').cost).toBe(3);
    expect(measure('{ __schema { types { name fields { name type { ofType { ofType { name } } } } } } }')).toEqual({ depth: 0, cost: 0 });
  });

  it('explains which limit an operation breaks', () => {
    expect(checkQueryLimits({ depth: 13, cost: 5 }, { maxDepth: 12, maxCost: 100 })).toMatch(/nested 13 levels deep; the limit is 12/);
    expect(checkQueryLimits({ depth: 3, cost: 101 }, { maxDepth: 12, maxCost: 100 })).toMatch(/cost 101; the limit is 100/);
    expect(checkQueryLimits({ depth: 12, cost: 100 }, { maxDepth: 12, maxCost: 100 })).toBeNull();
  });

  describe('cost that reflects work', () => {
    const node: GraphQLObjectType = new GraphQLObjectType({ name: 'Node', fields: () => ({ id: { type: GraphQLID } }) });
    const edge = new GraphQLObjectType({ name: 'Edge', fields: { node: { type: node } } });
    const connection = new GraphQLObjectType({ name: 'Connection', fields: { totalCount: { type: GraphQLInt }, edges: { type: new GraphQLList(edge) } } });
    const costly = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          posture: { type: node, args: { asOf: { type: GraphQLString } }, extensions: { complexity: EVALUATION_COST } },
          findings: { type: new GraphQLList(node), args: { first: { type: GraphQLInt, defaultValue: 50 } } },
          findingPage: { type: connection, args: { first: { type: GraphQLInt, defaultValue: 50 } } },
        },
      }),
    });
    const cost = (query: string, variables: Record<string, unknown> = {}): number => {
      const document = parse(query);
      return measureOperation(costly, document, document.definitions[0] as OperationDefinitionNode, variables).cost;
    };

    it('prices an on-demand evaluation at its declared complexity, so aliases of it add up past the limit', () => {
      // posture: 1 × (1000 + id 0)
      expect(cost('{ posture(asOf: "2025-01-01") { id } }')).toBe(EVALUATION_COST);
      const aliases = Array.from({ length: 1500 }, (_, n) => `p${n}: posture(asOf: "2025-01-01") { id }`).join(' ');
      expect(checkQueryLimits({ depth: 2, cost: cost(`{ ${aliases} }`) }, DEFAULT_QUERY_LIMITS)).toMatch(/would cost 1500000; the limit is 20000/);
    });

    it('multiplies by the page size whether it is written, passed as a variable, or the argument\'s default', () => {
      // findings: 500 × (1 + id 0)
      expect(cost('{ findings(first: 500) { id } }')).toBe(500);
      expect(cost('query($n: Int) { findings(first: $n) { id } }', { n: 500 })).toBe(500);
      expect(cost('query($n: Int) { findings(first: $n) { id } }', { n: 5 })).toBe(5);
      // the declared default of 50, not the assumed 10
      expect(cost('{ findings { id } }')).toBe(50);
    });

    it('multiplies the lists inside a connection by the page size the connection was asked for', () => {
      // findingPage: 1 + totalCount 0 + edges 500 × (1 + node (1 + id 0)) = 1 + 500 × 2 = 1001
      expect(cost('{ findingPage(first: 500) { totalCount edges { node { id } } } }')).toBe(1001);
      expect(cost('query($n: Int) { findingPage(first: $n) { totalCount edges { node { id } } } }', { n: 5 })).toBe(11);
    });
  });
});
