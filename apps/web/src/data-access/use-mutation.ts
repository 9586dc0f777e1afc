import { useCallback, useState } from 'react';
import { GraphQLRequestError, request, type TypedDocument } from './graphql-client.js';

export interface MutationState<TData> {
  data: TData | undefined;
  error: GraphQLRequestError | undefined;
  running: boolean;
}

export function useMutation<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
): [(variables: TVariables) => Promise<TData | undefined>, MutationState<TData>] {
  const [state, setState] = useState<MutationState<TData>>({ data: undefined, error: undefined, running: false });
  const run = useCallback(
    async (variables: TVariables) => {
      setState({ data: undefined, error: undefined, running: true });
      try {
        const data = await request(document, variables);
        setState({ data, error: undefined, running: false });
        return data;
      } catch (error) {
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError(String(error), 'INTERNAL_SERVER_ERROR');
        setState({ data: undefined, error: failure, running: false });
        return undefined;
      }
    },
    [document],
  );
  return [run, state];
}
