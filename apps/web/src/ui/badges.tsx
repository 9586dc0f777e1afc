import type { Band, FindingStatus, Severity, SlaStatus } from '../data-access/schema.types.js';
import { useI18n } from '../i18n/i18n.context.js';

export function BandBadge({ band }: { band: Band | string | null }) {
  const { t } = useI18n();
  const known = band === 'STRONG' || band === 'ADEQUATE' || band === 'WEAK' || band === 'CRITICAL' ? band : 'NONE';
  return <span className={`badge band-${known}`}>{t(`band.${known}`)}</span>;
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
