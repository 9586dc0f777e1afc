import { useEffect, useState, type FormEvent } from 'react';
import type { BudgetView } from './budget.documents.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ErrorMessage } from '../../ui/query-state.js';
import { TextField } from '../../ui/form-fields.js';
import { SET_BUDGET } from './budget.documents.js';

interface Draft {
  fiscalYear: string;
  itSpend: string;
  securitySpend: string;
  revenue: string;
  currency: string;
}

const draftOf = (budget: BudgetView | undefined, currency: string): Draft => ({
  fiscalYear: String(budget?.fiscalYear ?? new Date().getUTCFullYear()),
  itSpend: budget ? String(budget.itSpend) : '',
  securitySpend: budget ? String(budget.securitySpend) : '',
  revenue: budget ? String(budget.revenue) : '',
  currency: budget?.currency ?? currency,
});

export function BudgetForm({ org, editing, currency, onSaved }: { org: string; editing: BudgetView | undefined; currency: string; onSaved: () => void }) {
  const { t, fmt } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing, currency));
  const [message, setMessage] = useState<string | null>(null);
  const [save, state] = useMutation(SET_BUDGET);
  useEffect(() => setDraft(draftOf(editing, currency)), [editing, currency]);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const amounts = [draft.itSpend, draft.securitySpend, draft.revenue];
    // Number('') is 0: a blank field would silently record a zero and wipe the year's figures.
    if (amounts.some((a) => a.trim() === '')) return setMessage(t('budget.amountsRequired'));
    const numbers = amounts.map(Number);
    const year = Number(draft.fiscalYear);
    if (!Number.isInteger(year) || year < 1990 || numbers.some((n) => !Number.isFinite(n) || n < 0) || !/^[A-Z]{3}$/.test(draft.currency)) {
      return setMessage(t('budget.invalid'));
    }
    const [itSpend, securitySpend, revenue] = numbers;
    const result = await save({ org, input: { fiscalYear: year, itSpend, securitySpend, revenue, currency: draft.currency } });
    if (result) {
      setMessage(t('budget.saved', { year }));
      onSaved();
    }
  };
  const preview = (value: string) => (value && Number.isFinite(Number(value)) && /^[A-Z]{3}$/.test(draft.currency) ? fmt.currency(Number(value), draft.currency) : undefined);

  return (
    <form className="card" onSubmit={submit} aria-labelledby="budget-form-title" noValidate data-testid="budget-form">
      <h2 id="budget-form-title">{t('budget.edit')}</h2>
      <p className="small muted">{t('budget.editHint')}</p>
      <div className="form-row">
        <TextField label={t('budget.fiscalYear')} type="number" value={draft.fiscalYear} onChange={set('fiscalYear')} required min={1990} step={1} />
        <TextField label={t('budget.currency')} value={draft.currency} onChange={(v) => set('currency')(v.toUpperCase())} required />
      </div>
      <TextField label={t('budget.itSpend')} hint={preview(draft.itSpend)} type="number" value={draft.itSpend} onChange={set('itSpend')} required min={0} />
      <TextField label={t('budget.securitySpend')} hint={preview(draft.securitySpend)} type="number" value={draft.securitySpend} onChange={set('securitySpend')} required min={0} />
      <TextField label={t('budget.revenue')} hint={preview(draft.revenue)} type="number" value={draft.revenue} onChange={set('revenue')} required min={0} />
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <button type="submit" className="button" disabled={state.running}>
        {state.running ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
