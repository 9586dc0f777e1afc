import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { CreateCampaignForm, RecordDecisionForm } from './campaign-forms.js';
import { CampaignsTable } from './campaigns.js';
import { LeaversTable } from './leavers-table.js';
import { CAMPAIGNS_QUERY, CREATE_CAMPAIGN, LEAVERS_QUERY, RECORD_DECISION } from './people.documents.js';

export default function PeoplePage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  const leavers = useQuery(LEAVERS_QUERY, { org: slug });
  const campaigns = useQuery(CAMPAIGNS_QUERY, { org: slug });
  const { can } = useAccess();
  return (
    <>
      <PageHeader title={t('people.title')} subtitle={t('people.subtitle')} />
      <QueryState {...leavers}>{(data) => <LeaversTable leavers={data.leavers} />}</QueryState>
      <div className="section">
        <QueryState {...campaigns}>
          {({ accessReviewCampaigns }) => (
            <>
              <CampaignsTable campaigns={accessReviewCampaigns} />
              <div className="grid grid-2 section">
                {can(CREATE_CAMPAIGN) ? <CreateCampaignForm org={slug} onCreated={campaigns.refetch} /> : null}
                {can(RECORD_DECISION) ? <RecordDecisionForm org={slug} campaigns={accessReviewCampaigns} onRecorded={campaigns.refetch} /> : null}
              </div>
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
