import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  GraphQLList,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 20_000 };

/** A list field without a size argument is assumed to return this many items. */
const ASSUMED_LIST_SIZE = 10;
const SIZE_ARGUMENTS = new Set(['limit', 'first', 'last', 'take', 'pageSize']);

export interface QueryMeasure {
  depth: number;
  cost: number;
}

/**
 * Depth and cost of one operation, following fragments. Cost counts every field once, multiplied by the
 * size of each list above it (its literal `limit`/`first` argument, or ASSUMED_LIST_SIZE), so a
 * thousand aliases or lists nested in lists add up. Introspection fields are not counted.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined, depth: number, seen: ReadonlySet<string>): QueryMeasure => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, selection.name.value);
        const multiplier = field && getNullableType(field.type) instanceof GraphQLList ? listSize(selection.arguments ?? []) : 1;
        if (selection.selectionSet) {
          const inner = walk(selection.selectionSet, field ? getNamedType(field.type) : null, depth + 1, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += 1 + multiplier * inner.cost;
        } else {
          maxDepth = Math.max(maxDepth, depth + 1);
          cost += 1;
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : '';
        if (!fragment || (key && seen.has(key))) continue;
        const typeName = fragment.typeCondition?.name.value;
        const inner = walk(fragment.selectionSet, typeName ? schema.getType(typeName) : parent, depth, key ? new Set([...seen, key]) : seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  return walk(operation.selectionSet, root, 0, new Set());
}

function fieldOf(parent: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

function listSize(args: readonly { name: { value: string }; value: { kind: Kind; value?: unknown } }[]): number {
  const size = args.find((a) => SIZE_ARGUMENTS.has(a.name.value) && a.value.kind === Kind.INT);
  return size ? Math.max(Number(size.value.value), 1) : ASSUMED_LIST_SIZE;
}

/** A message when the operation is over a limit, else null. */
export function checkQueryLimits(measure: QueryMeasure, limits: QueryLimits): string | null {
  if (measure.depth > limits.maxDepth) return `Query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}`;
  if (measure.cost > limits.maxCost) return `Query would cost ${measure.cost}; the limit is ${limits.maxCost} (ask for fewer fields or smaller pages)`;
  return null;
}
