import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { checkQueryLimits, measureOperation } from './query-limits.js';

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
    // node (1) + id (1)
    expect(measure('{ node { id } }').cost).toBe(2);
    // nodes: 1 + 100 × (id 1 + name 1) = 201
    expect(measure('{ nodes(limit: 100) { id name } }').cost).toBe(201);
    // nodes: 1 + 10 × (children: 1 + 10 × id 1) = 1 + 10 × 11 = 111
    expect(measure('{ nodes { children { id } } }').cost).toBe(111);
  });

  it('counts every alias, and ignores introspection', () => {
    expect(measure('{ a: node { id } b: node { id } c: node { id } }').cost).toBe(6);
    expect(measure('{ __schema { types { name fields { name type { ofType { ofType { name } } } } } } }')).toEqual({ depth: 0, cost: 0 });
  });

  it('explains which limit an operation breaks', () => {
    expect(checkQueryLimits({ depth: 13, cost: 5 }, { maxDepth: 12, maxCost: 100 })).toMatch(/nested 13 levels deep; the limit is 12/);
    expect(checkQueryLimits({ depth: 3, cost: 101 }, { maxDepth: 12, maxCost: 100 })).toMatch(/cost 101; the limit is 100/);
    expect(checkQueryLimits({ depth: 12, cost: 100 }, { maxDepth: 12, maxCost: 100 })).toBeNull();
  });
});
