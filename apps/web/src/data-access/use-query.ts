import { useCallback, useEffect, useRef, useState } from 'react';
import { GraphQLRequestError, request, type TypedDocument } from './graphql-client.js';

export interface QueryResult<TData> {
  data: TData | undefined;
  error: GraphQLRequestError | undefined;
  loading: boolean;
  refetch(): void;
}

/** Runs the query when the variables change (compared by value) and on `refetch()`. */
export function useQuery<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryResult<TData> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: TData; error?: GraphQLRequestError; loading: boolean }>({ loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    request(document, variablesRef.current, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError(String(error), 'INTERNAL_SERVER_ERROR');
        setState({ error: failure, loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, generation, options.skip]);

  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, refetch };
}
