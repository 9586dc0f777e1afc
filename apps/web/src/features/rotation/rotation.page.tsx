import { useSearchParams } from 'react-router';
import { useOrganization } from '../../app/organization.context.js';
import { CREDENTIAL_KINDS, ENVIRONMENTS, SLA_STATUSES } from '../../data-access/enum-order.js';
import type { CredentialFilter } from '../../data-access/graphql.generated.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { SearchField } from '../../ui/search-field.js';
import { SelectField } from '../../ui/form-fields.js';
import { BurndownChart } from './burndown.chart.js';
import { CredentialsTable } from './credentials-table.js';
import { ROTATION_BOARD_QUERY } from './rotation.documents.js';
import { SlaBoard } from './sla-board.js';
import { TeamBurndowns } from './team-burndown.chart.js';

const FILTER_KEYS = ['teamId', 'kind', 'environment', 'slaStatus', 'search'] as const;

export default function RotationPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  const [params, setParams] = useSearchParams();
  const board = useQuery(ROTATION_BOARD_QUERY, { org: slug });
  const filter = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as CredentialFilter;
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const teams = board.data?.teams ?? [];

  return (
    <>
      <PageHeader title={t('rotation.title')} subtitle={t('rotation.subtitle')} />
      <form className="filters card" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('rotation.team')} value={filter.teamId ?? ''} onChange={(v) => setFilter('teamId', v)} options={teams.map((team) => ({ value: team.id, label: team.name }))} testId="team-filter" />
        <SelectField label={t('rotation.kind')} value={filter.kind ?? ''} onChange={(v) => setFilter('kind', v)} options={CREDENTIAL_KINDS.map((k) => ({ value: k, label: t(`credKind.${k}`) }))} />
        <SelectField label={t('rotation.environment')} value={filter.environment ?? ''} onChange={(v) => setFilter('environment', v)} options={ENVIRONMENTS.map((e) => ({ value: e, label: t(`env.${e}`) }))} />
        <SelectField label={t('rotation.sla')} value={filter.slaStatus ?? ''} onChange={(v) => setFilter('slaStatus', v)} options={SLA_STATUSES.map((s) => ({ value: s, label: t(`sla.${s}`) }))} />
        <SearchField label={t('rotation.search')} value={filter.search ?? ''} onChange={(v) => setFilter('search', v)} />
        <button type="button" className="button secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
          {t('common.clearFilters')}
        </button>
      </form>
      <QueryState {...board}>
        {({ rotationSla, rotationBurndown, teamBurndowns }) => (
          <>
            <SlaBoard rows={filter.teamId ? rotationSla.filter((r) => r.team?.id === filter.teamId) : rotationSla} />
            <div className="section">
              <BurndownChart points={rotationBurndown} />
            </div>
            <div className="section">
              <TeamBurndowns burndowns={filter.teamId ? teamBurndowns.filter((b) => b.team.id === filter.teamId) : teamBurndowns} onTargetSaved={board.refetch} />
            </div>
          </>
        )}
      </QueryState>
      <CredentialsTable filter={filter} />
    </>
  );
}
