import { useState, type FormEvent } from 'react';
import { useAccess } from '../../app/access/access.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { TextField } from '../../ui/form-fields.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { assignedCountryCode } from './country-code.js';
import { APPROVE_COUNTRY, SET_APPROVED_COUNTRIES, WITHDRAW_COUNTRY_APPROVAL, type CountryApprovalView } from './settings.documents.js';

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

interface Draft {
  country: string;
  reason: string;
  expiry: string;
}

/**
 * The countries from which production access is expected: the standing list (set when the organization was
 * created, and only ever shortened here) and approvals that each carry a reason and an expiry.
 */
export function CountriesEditor({
  org,
  countries,
  approvals,
  onSaved,
}: {
  org: string;
  countries: string[];
  approvals: CountryApprovalView[];
  onSaved: () => void;
}) {
  const { t, fmt } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => ({ country: '', reason: '', expiry: isoDay(new Date(Date.now() + 90 * DAY_MS)) }));
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Approving a country silences every finding about production access from it: it takes a second, deliberate step.
  const [pending, setPending] = useState<Draft & { code: string } | null>(null);
  const [setStanding, standingState] = useMutation(SET_APPROVED_COUNTRIES);
  const [approve, approveState] = useMutation(APPROVE_COUNTRY);
  const { can } = useAccess();
  const mayChange = can(SET_APPROVED_COUNTRIES, APPROVE_COUNTRY, WITHDRAW_COUNTRY_APPROVAL);
  const [withdraw, withdrawState] = useMutation(WITHDRAW_COUNTRY_APPROVAL);
  const running = standingState.running || approveState.running || withdrawState.running;
  const error = standingState.error ?? approveState.error ?? withdrawState.error;
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const done = (text: string) => {
    setMessage(text);
    onSaved();
  };
  const removeStanding = async (code: string) => {
    setMessage(null);
    if (await setStanding({ org, countries: countries.filter((c) => c !== code) })) done(t('settings.countriesSaved'));
  };
  const withdrawApproval = async (code: string) => {
    setMessage(null);
    if (await withdraw({ org, country: code })) done(t('settings.countryWithdrawn', { name: fmt.country(code), code }));
  };
  const review = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setProblem(null);
    const code = assignedCountryCode(draft.country);
    if (!code) return setProblem(t('settings.invalidCountry'));
    if (countries.includes(code)) return setProblem(t('settings.countryAlreadyApproved', { name: fmt.country(code), code }));
    if (!draft.reason.trim()) return setProblem(t('settings.countryReasonMissing'));
    const tomorrow = isoDay(new Date(Date.now() + DAY_MS));
    const limit = isoDay(new Date(Date.now() + 366 * DAY_MS));
    if (!draft.expiry || draft.expiry < tomorrow || draft.expiry > limit) return setProblem(t('settings.countryExpiryInvalid'));
    setPending({ ...draft, code });
  };
  const confirm = async () => {
    if (!pending) return;
    const { code, reason, expiry } = pending;
    setPending(null);
    const result = await approve({ org, country: code, reason: reason.trim(), expiresAt: new Date(`${expiry}T23:59:59Z`).toISOString() });
    if (result) {
      setDraft((d) => ({ ...d, country: '', reason: '' }));
      done(t('settings.countryApproved', { name: fmt.country(code), code, date: fmt.date(result.approveCountry.expiresAt) }));
    }
  };

  return (
    <section className="card" aria-labelledby="countries-title">
      <h2 id="countries-title">{t('settings.countries')}</h2>
      <p className="small muted">{t('settings.countriesHint')}</p>
      <ul className="tag-list" data-testid="approved-countries">
        {countries.map((c) => (
          <li key={c} className="tag">
            {fmt.country(c)} ({c}){' '}
            {mayChange ? (
              <button type="button" className="button-link" onClick={() => removeStanding(c)} aria-label={t('settings.remove', { name: fmt.country(c) })} disabled={running}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {approvals.length > 0 ? (
        <ul className="plain-list section" data-testid="country-approvals">
          {approvals.map((a) => (
            <li key={a.id}>
              <strong>
                {fmt.country(a.country)} ({a.country})
              </strong>{' '}
              <span className="small muted">{t('settings.countryApprovalDetail', { date: fmt.date(a.expiresAt), who: a.approvedBy, reason: a.reason })}</span>{' '}
              {mayChange ? (
                <button type="button" className="button-link" onClick={() => withdrawApproval(a.country)} disabled={running}>
                  {t('settings.withdrawCountry', { code: a.country })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayChange ? (
        <form className="section" onSubmit={review} noValidate aria-labelledby="approve-country-title">
          <h3 id="approve-country-title">{t('settings.approveCountry')}</h3>
          <div className="form-row">
            <div className="field">
              <label htmlFor="add-country">{t('settings.addCountry')}</label>
              <input id="add-country" value={draft.country} onChange={(e) => set('country')(e.target.value)} maxLength={2} size={4} />
            </div>
            <TextField label={t('settings.countryExpiry')} type="date" value={draft.expiry} onChange={set('expiry')} required testId="country-expiry" />
          </div>
          <TextField label={t('settings.countryReason')} value={draft.reason} onChange={set('reason')} required />
          <button type="submit" className="button secondary" disabled={running}>
            {t('settings.add')}
          </button>
        </form>
      ) : null}
      {pending ? (
        <div className="notice warn" role="alertdialog" aria-labelledby="confirm-country-title" data-testid="confirm-country">
          <p id="confirm-country-title" style={{ marginTop: 0 }}>
            {t('settings.confirmCountry', { name: fmt.country(pending.code), code: pending.code, date: fmt.date(`${pending.expiry}T23:59:59Z`) })}
          </p>
          <div className="inline-field">
            <button type="button" className="button" onClick={confirm} disabled={running}>
              {t('settings.confirmCountryButton', { code: pending.code })}
            </button>
            <button type="button" className="button secondary" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {problem ? (
        <p className="notice warn" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
    </section>
  );
}
