import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SelectField } from '../../ui/form-fields.js';
import { ErrorMessage, QueryState } from '../../ui/query-state.js';
import { MY_NOTIFICATION_PREFERENCES_QUERY, SET_MY_NOTIFICATION_PREFERENCES } from './settings.documents.js';

/** The signed-in user's own choices for the e-mail addressed to them: its language, and the weekly digest. */
export function NotificationPreferencesSection() {
  const { t } = useI18n();
  const query = useQuery(MY_NOTIFICATION_PREFERENCES_QUERY, {});
  const [save, state] = useMutation(SET_MY_NOTIFICATION_PREFERENCES);
  const change = async (variables: { language?: string | null; digestOptOut?: boolean }) => {
    if (await save(variables)) query.refetch();
  };
  return (
    <section className="card section" aria-labelledby="my-notifications-title" data-testid="my-notification-preferences">
      <h2 id="my-notifications-title">{t('settings.myNotifications')}</h2>
      <p className="small muted">{t('settings.myNotificationsHint')}</p>
      <QueryState {...query}>
        {({ myNotificationPreferences: preferences }) => (
          <div className="filters">
            <SelectField
              label={t('settings.mailLanguage')}
              value={preferences.language ?? ''}
              allowAll={false}
              testId="my-mail-language"
              onChange={(value) => change({ language: value || null })}
              options={[
                { value: '', label: t('settings.mailLanguageChannel') },
                { value: 'en', label: 'English' },
                { value: 'ko', label: '한국어' },
              ]}
            />
            <label className="inline-field">
              <input
                type="checkbox"
                checked={!preferences.digestOptOut}
                disabled={state.running}
                onChange={() => change({ digestOptOut: !preferences.digestOptOut })}
                data-testid="my-weekly-digest"
              />
              <span>{t('settings.weeklyDigest')}</span>
            </label>
          </div>
        )}
      </QueryState>
      {state.error ? <ErrorMessage error={state.error} /> : null}
    </section>
  );
}
