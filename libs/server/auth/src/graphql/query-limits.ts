import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
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
  /** Per request. */
  maxCost: number;
  /** Per caller (a user, or an address when signed out) per minute, over all their requests. */
  maxCostPerMinute: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 20_000, maxCostPerMinute: 300_000 };

/**
 * The cost of a field that evaluates policies on demand (`posture`, `takeSnapshot`): measured at about 6 ms
 * of server time each against 1 for a loaded row, so one request may hold 20 of them, not 20,000.
 * Declared on the field: `@Query(..., { complexity: EVALUATION_COST })`.
 */
export const EVALUATION_COST = 1000;

/** A list field without a size argument is assumed to return this many items. */
const ASSUMED_LIST_SIZE = 10;
const SIZE_ARGUMENTS = new Set(['limit', 'first', 'last', 'take', 'pageSize']);

export interface QueryMeasure {
  depth: number;
  cost: number;
}

/**
 * Depth and cost of one operation, following fragments. Cost counts every object a field loads once — or
 * its declared `complexity` when it does more work than loading a row (scalars read from a loaded row are
 * free) — multiplied by the size of each list above it
 * (its `limit`/`first` argument, given literally or as a variable, else the argument's default, else
 * ASSUMED_LIST_SIZE), so a thousand aliases, large pages and lists nested in lists add up. Introspection
 * fields are not counted.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();

  // `page` is the size a connection field (`findings(first: 500)` → FindingConnection) asked for: the lists
  // inside it (`edges`, `nodes`) hold that many items.
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | null | undefined,
    depth: number,
    seen: ReadonlySet<string>,
    page?: number,
  ): QueryMeasure => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, selection.name.value);
        const isList = field !== undefined && getNullableType(field.type) instanceof GraphQLList;
        const size = field ? pageSize(field, selection.arguments ?? [], variables) : null;
        const multiplier = isList ? (size ?? page ?? ASSUMED_LIST_SIZE) : 1;
        const own = ownCost(field, selection, variables);
        if (selection.selectionSet) {
          const inner = walk(selection.selectionSet, field ? getNamedType(field.type) : null, depth + 1, seen, isList ? undefined : (size ?? undefined));
          maxDepth = Math.max(maxDepth, inner.depth);
          // Each object loaded costs its own (1, or its complexity), and what is read under it.
          cost += multiplier * (own + inner.cost);
        } else {
          // A scalar is read from a row already loaded: it costs nothing unless it declares a complexity.
          maxDepth = Math.max(maxDepth, depth + 1);
          cost += own === 1 ? 0 : own;
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : '';
        if (!fragment || (key && seen.has(key))) continue;
        const typeName = fragment.typeCondition?.name.value;
        const inner = walk(fragment.selectionSet, typeName ? schema.getType(typeName) : parent, depth, key ? new Set([...seen, key]) : seen, page);
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  return walk(operation.selectionSet, root, 0, new Set());
}

/**
 * A field's own cost: its declared `complexity`, a number, or a function of its arguments (`posture` costs an
 * evaluation only when `asOf` asks for one); 1 otherwise.
 */
function ownCost(field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  const complexity = field?.extensions?.['complexity'];
  if (typeof complexity === 'number') return complexity;
  if (typeof complexity !== 'function' || !field) return 1;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    return 1; // invalid arguments: validation refuses the request anyway
  }
  const cost = Number((complexity as (options: { args: Record<string, unknown>; childComplexity: number }) => unknown)({ args, childComplexity: 0 }));
  return Number.isFinite(cost) && cost > 0 ? cost : 1;
}

function fieldOf(parent: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/** The page size a field is asked for (literal, variable, or the argument's default), or null when it takes none. */
function pageSize(field: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[], variables: Readonly<Record<string, unknown>>): number | null {
  for (const arg of args) {
    if (!SIZE_ARGUMENTS.has(arg.name.value)) continue;
    const value = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(value, 1);
  }
  const declared = field.args.find((arg) => SIZE_ARGUMENTS.has(arg.name) && typeof arg.defaultValue === 'number');
  return declared ? Math.max(declared.defaultValue as number, 1) : null;
}

/** A message when the operation is over a limit, else null. */
export function checkQueryLimits(measure: QueryMeasure, limits: Pick<QueryLimits, 'maxDepth' | 'maxCost'>): string | null {
  if (measure.depth > limits.maxDepth) return `Query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}`;
  if (measure.cost > limits.maxCost) return `Query would cost ${measure.cost}; the limit is ${limits.maxCost} (ask for fewer fields or smaller pages)`;
  return null;
}
