import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** One root field, with an operation that calls it with made-up but well-typed arguments. */
export interface FieldProbe {
  operation: 'query' | 'mutation';
  field: string;
  hasOrgArgument: boolean;
  /** The GraphQL document calling the field, the org argument (if any) set to `org`. */
  document(org: string): string;
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

const requiredArgs = (args: readonly GraphQLArgument[]) => args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

function literal(type: GraphQLInputType, name: string, org: string, orgArgument: string, depth = 0): string {
  if (isNonNullType(type)) return literal(type.ofType, name, org, orgArgument, depth);
  if (isListType(type)) return '[]';
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${depth > 3 ? 'null' : literal(f.type, f.name, org, orgArgument, depth + 1)}`).join(', ')} }`;
  }
  if (name === orgArgument) return JSON.stringify(org);
  switch (isScalarType(type) ? type.name : '') {
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'ID':
      return JSON.stringify(PLACEHOLDER_ID);
    case 'DateTime':
      return JSON.stringify('2030-01-01T00:00:00.000Z');
    default:
      return JSON.stringify('probe');
  }
}

/** Leaf fields (and leaves one level down), so a leak of another organization's data would show in the response. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named) || depth > 1) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const parts = Object.values(named.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((f) => requiredArgs(f.args).length === 0)
    .map((f) => {
      const inner = getNullableType(f.type);
      if (isLeafType(getNamedType(inner))) return f.name;
      return depth < 1 ? `${f.name} ${selection(f.type, depth + 1)}` : null;
    })
    .filter((p): p is string => Boolean(p));
  return `{ __typename ${parts.join(' ')} }`;
}

export function schemaProbes(schema: GraphQLSchema, orgArgument = 'org'): FieldProbe[] {
  const probes: FieldProbe[] = [];
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const args = requiredArgs(field.args);
      probes.push({
        operation,
        field: field.name,
        hasOrgArgument: field.args.some((a) => a.name === orgArgument),
        document: (org) => {
          const withOrg = field.args.some((a) => a.name === orgArgument) && !args.some((a) => a.name === orgArgument) ? [...args, field.args.find((a) => a.name === orgArgument)!] : args;
          const argText = withOrg.length ? `(${withOrg.map((a) => `${a.name}: ${literal(a.type, a.name, org, orgArgument)}`).join(', ')})` : '';
          return `${operation} { ${field.name}${argText} ${selection(field.type)} }`;
        },
      });
    }
  }
  return probes;
}
