import { useI18n } from '../../i18n/i18n.context.js';

/** When the posture on screen was evaluated, and whether a newer evaluation is on its way. */
export function Freshness({ evaluatedAt, pending }: { evaluatedAt: string | null; pending: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <p className="small muted" data-testid="posture-freshness" role="status">
      {evaluatedAt ? t('overview.evaluatedAt', { time: fmt.dateTime(evaluatedAt) }) : t('overview.notEvaluated')}
      {pending ? <span data-testid="posture-pending"> · {t('overview.pending')}</span> : null}
    </p>
  );
}
