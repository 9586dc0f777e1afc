import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '../data-access/graphql-client.js';
import { useI18n } from '../i18n/i18n.context.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: GraphQLRequestError; onRetry?: () => void }) {
  const { t } = useI18n();
  const explanation =
    error.code === 'UNAUTHENTICATED'
      ? t('state.unauthenticated')
      : error.code === 'FORBIDDEN'
        ? t('state.forbidden')
        : error.code === 'NETWORK'
          ? t('state.network')
          : error.code === 'GRAPHQL_VALIDATION_FAILED'
            ? t('state.notAvailable', { detail: error.message })
            : error.message;
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.error')}</strong>
      <p>{explanation}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="state state-empty">{children ?? t('state.empty')}</p>;
}

/** Loading, error and data in one place, so no page is ever blank without saying why. */
export function QueryState<T>({
  data,
  error,
  loading,
  refetch,
  children,
}: {
  data: T | undefined;
  error: GraphQLRequestError | undefined;
  loading: boolean;
  refetch?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (error) return <ErrorMessage error={error} onRetry={refetch} />;
  if (data === undefined) return loading ? <Loading /> : null;
  return <>{children(data)}</>;
}
