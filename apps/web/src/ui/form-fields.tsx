import { useId } from 'react';
import { useI18n } from '../i18n/i18n.context.js';

export interface Option {
  value: string;
  label: string;
}

/** A labelled select whose empty value means "all": the shape of every filter in the app. */
export function SelectField({
  label,
  value,
  options,
  onChange,
  allowAll = true,
  testId,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  allowAll?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {allowAll ? <option value="">{t('common.all')}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  required,
  hint,
  testId,
  ...rest
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  required?: boolean;
  hint?: string;
  testId?: string;
  min?: string | number;
  step?: string | number;
  autoComplete?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint ? <span className="field-hint"> — {hint}</span> : null}
      </label>
      <input id={id} type={type} value={value} required={required} onChange={(e) => onChange(e.target.value)} data-testid={testId} {...rest} />
    </div>
  );
}
