import { useI18n } from '../../i18n/i18n.context.js';
import type { FindingRow } from './findings.documents.js';

/** The due date, and how many days it is overdue (computed by the server when read). */
export function FindingDue({ finding }: { finding: Pick<FindingRow, 'dueAt' | 'overdue' | 'daysOverdue'> }) {
  const { t, fmt } = useI18n();
  if (!finding.dueAt) return <>{t('common.dash')}</>;
  return (
    <>
      {fmt.date(finding.dueAt)}
      {finding.overdue ? (
        <div className="small overdue" data-testid="finding-overdue">
          <span className="badge sla-OVERDUE">{t('findings.overdue')}</span> {t('findings.overdueBy', { days: finding.daysOverdue })}
        </div>
      ) : null}
    </>
  );
}
