import type { ReactNode } from 'react';
import type { BenchmarkStatus, FindingStatus, ScoreBand, Severity, SlaStatus } from '../data-access/graphql.generated.js';
import { useI18n } from '../i18n/i18n.context.js';

export function BandBadge({ band }: { band: ScoreBand | null }) {
  const { t } = useI18n();
  const shown = band ?? 'NONE';
  return <span className={`badge band-${shown}`}>{t(`band.${shown}`)}</span>;
}

/** Where a spend ratio sits against its benchmark, as the API assessed it; nothing when there is no ratio. */
export function BenchmarkBadge({ status, children }: { status: BenchmarkStatus | null; children?: ReactNode }) {
  const { t } = useI18n();
  if (status === null) return children ? <span>{children}</span> : null;
  return (
    <span className={`badge ratio-${status}`} title={t(`ratio.${status}`)} data-status={status}>
      {children ?? t(`ratio.${status}`)}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <span className={`badge sev-${severity}`}>{t(`severity.${severity}`)}</span>;
}

export function StatusBadge({ status, testId }: { status: FindingStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge st-${status}`} data-testid={testId}>
      {t(`status.${status}`)}
    </span>
  );
}

export function SlaBadge({ status }: { status: SlaStatus | null }) {
  const { t } = useI18n();
  if (!status) return <span className="muted">{t('common.dash')}</span>;
  return <span className={`badge sla-${status}`}>{t(`sla.${status}`)}</span>;
}

/** A week-over-week change: the sign and colour say which way governance moved. */
export function ChangeIndicator({ change }: { change: number | null }) {
  const { t, fmt } = useI18n();
  if (change === null) return <span className="muted small">{t('overview.noPreviousWeek')}</span>;
  // A change that rounds to 0.0 is no change, whatever its sign.
  const direction = change >= 0.05 ? 'up' : change <= -0.05 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
  return (
    <span className={`small change-${direction}`}>
      <span aria-hidden="true">{arrow} </span>
      {direction === 'flat' ? t('overview.noChange') : t('overview.changeSinceLastWeek', { change: fmt.signed(change) })}
    </span>
  );
}
