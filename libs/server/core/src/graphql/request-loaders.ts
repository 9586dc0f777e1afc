import DataLoader from 'dataloader';

/** The GraphQL context carries one DataLoader per relation, created per request (never shared across users). */
export interface LoaderContext {
  loaders?: Map<string, DataLoader<string, unknown>>;
}

export function requestLoader<V>(
  context: LoaderContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<Map<string, V>>,
): DataLoader<string, V | null> {
  context.loaders ??= new Map();
  let loader = context.loaders.get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((k) => found.get(k) ?? null);
    });
    context.loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}
