import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { DataTable } from '../../ui/data-table.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, QueryState } from '../../ui/query-state.js';
import { AliasesEditor } from './aliases-editor.js';
import { NotificationPreferencesSection } from './notification-preferences-section.js';
import { CountriesEditor } from './countries-editor.js';
import { PolicyForm } from './policy-form.js';
import { ADD_IDENTITY_ALIAS, REMOVE_IDENTITY_ALIAS, SET_ROTATION_POLICY, SETTINGS_QUERY } from './settings.documents.js';
import { TeamsEditor } from './teams-editor.js';

export default function SettingsPage() {
  const { t, fmt } = useI18n();
  const { slug, refetchOrganizations } = useOrganization();
  const query = useQuery(SETTINGS_QUERY, { org: slug });
  const { can } = useAccess();
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <NotificationPreferencesSection />
      <QueryState {...query}>
        {({ rotationPolicies, organization, teams, countryApprovals }) => (
          <>
            <section className="card" aria-labelledby="policies-title">
              <h2 id="policies-title">{t('settings.policies')}</h2>
              {rotationPolicies.length === 0 ? (
                <Empty>{t('settings.policiesEmpty')}</Empty>
              ) : (
                <DataTable
                  caption={t('settings.policies')}
                  testId="policies"
                  rowKey={(p) => `${p.id ?? 'default'}-${p.credentialKind}-${p.environment}-${p.team?.id ?? ''}`}
                  rows={rotationPolicies}
                  columns={[
                    { id: 'kind', header: t('settings.kind'), cell: (p) => t(`credKind.${p.credentialKind}`), sortValue: (p) => p.credentialKind },
                    { id: 'env', header: t('settings.environment'), cell: (p) => t(`env.${p.environment}`), sortValue: (p) => p.environment },
                    { id: 'team', header: t('settings.team'), cell: (p) => p.team?.name ?? t('settings.allTeams'), sortValue: (p) => p.team?.name ?? '' },
                    { id: 'max', header: t('settings.maxAge'), numeric: true, cell: (p) => fmt.number(p.maxAgeDays), sortValue: (p) => p.maxAgeDays },
                    { id: 'warn', header: t('settings.warning'), numeric: true, cell: (p) => fmt.number(p.warningDays) },
                    { id: 'grace', header: t('settings.grace'), numeric: true, cell: (p) => fmt.number(p.graceDays) },
                    { id: 'source', header: t('settings.policySource'), cell: (p) => (p.isDefault ? <span className="badge band-NONE">{t('settings.default')}</span> : t('settings.custom')), sortValue: (p) => (p.isDefault ? 1 : 0) },
                    { id: 'basis', header: '', cell: (p) => <span className="small muted">{p.source ?? ''}</span> },
                  ]}
                />
              )}
              {can(SET_ROTATION_POLICY) ? <PolicyForm org={slug} teams={teams} onSaved={query.refetch} /> : null}
            </section>
            <div className="grid grid-2 section">
              <CountriesEditor
                org={slug}
                countries={organization.approvedCountries}
                approvals={countryApprovals}
                onSaved={() => {
                  query.refetch();
                  refetchOrganizations();
                }}
              />
              <TeamsEditor org={slug} teams={teams} onSaved={query.refetch} />
            </div>
            {can(ADD_IDENTITY_ALIAS, REMOVE_IDENTITY_ALIAS) ? <AliasesEditor org={slug} /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}
