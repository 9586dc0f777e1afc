import { useState, type FormEvent } from 'react';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { assignedCountryCode } from './country-code.js';
import { SET_APPROVED_COUNTRIES } from './settings.documents.js';

export function CountriesEditor({ org, countries, onSaved }: { org: string; countries: string[]; onSaved: () => void }) {
  const { t, fmt } = useI18n();
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // Approving a country silences every finding about production access from it: it takes a second, deliberate step.
  const [pending, setPending] = useState<string | null>(null);
  const [save, state] = useMutation(SET_APPROVED_COUNTRIES);
  const commit = async (next: string[]) => {
    setMessage(null);
    const result = await save({ org, countries: next });
    if (result) {
      setMessage(t('settings.countriesSaved'));
      onSaved();
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const country = assignedCountryCode(code);
    if (!country) return setMessage(t('settings.invalidCountry'));
    if (countries.includes(country)) return setMessage(t('settings.countryAlreadyApproved', { name: fmt.country(country), code: country }));
    setPending(country);
  };
  const confirm = async () => {
    if (!pending) return;
    const country = pending;
    setPending(null);
    setCode('');
    await commit([...countries, country]);
  };
  return (
    <section className="card" aria-labelledby="countries-title">
      <h2 id="countries-title">{t('settings.countries')}</h2>
      <p className="small muted">{t('settings.countriesHint')}</p>
      <ul className="tag-list" data-testid="approved-countries">
        {countries.map((c) => (
          <li key={c} className="tag">
            {fmt.country(c)} ({c}){' '}
            <button type="button" className="button-link" onClick={() => commit(countries.filter((x) => x !== c))} aria-label={t('settings.remove', { name: fmt.country(c) })} disabled={state.running}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="form-row section" onSubmit={add} noValidate>
        <div className="field">
          <label htmlFor="add-country">{t('settings.addCountry')}</label>
          <input id="add-country" value={code} onChange={(e) => setCode(e.target.value)} maxLength={2} size={4} />
        </div>
        <button type="submit" className="button secondary" disabled={state.running}>
          {t('settings.add')}
        </button>
      </form>
      {pending ? (
        <div className="notice warn" role="alertdialog" aria-labelledby="confirm-country-title" data-testid="confirm-country">
          <p id="confirm-country-title" style={{ marginTop: 0 }}>
            {t('settings.confirmCountry', { name: fmt.country(pending), code: pending })}
          </p>
          <div className="inline-field">
            <button type="button" className="button" onClick={confirm} disabled={state.running}>
              {t('settings.confirmCountryButton', { code: pending })}
            </button>
            <button type="button" className="button secondary" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
    </section>
  );
}
