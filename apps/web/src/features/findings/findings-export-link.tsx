import type { FindingFilter } from '../../data-access/graphql.generated.js';
import { useI18n } from '../../i18n/i18n.context.js';

/** The findings list as filtered, every page of it, as CSV: the server streams it (GET /api/orgs/:org/findings.csv). */
export function FindingsExportLink({ org, filter }: { org: string; filter: FindingFilter }) {
  const { t } = useI18n();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (typeof value === 'string' && value) params.set(key, value);
  const query = params.toString();
  return (
    <a className="button secondary" href={`/api/orgs/${encodeURIComponent(org)}/findings.csv${query ? `?${query}` : ''}`} download title={t('findings.exportHint')} data-testid="findings-export">
      {t('findings.exportCsv')}
    </a>
  );
}
