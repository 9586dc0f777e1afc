import { useEffect, useState, type FormEvent } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAccess } from '../../app/access/access.context.js';
import { useOrganization } from '../../app/organization.context.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { Empty } from '../../ui/query-state.js';
import { SET_TEAM_ROTATION_TARGET, type TeamBurndownView } from './rotation.documents.js';
import './rotation.css';

/** Each team's weekly overdue keys beside its target line (zero overdue by the team's target day). */
export function TeamBurndowns({ burndowns, onTargetSaved }: { burndowns: TeamBurndownView[]; onTargetSaved: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="team-burndowns-title" data-testid="team-burndowns">
      <h2 id="team-burndowns-title">{t('rotation.teamBurndowns')}</h2>
      <p className="small muted">{t('rotation.teamBurndownsHint')}</p>
      {burndowns.length === 0 ? (
        <Empty>{t('rotation.teamBurndownsEmpty')}</Empty>
      ) : (
        <div className="grid burndown-grid">
          {burndowns.map((burndown) => (
            <TeamBurndownChart key={burndown.team.id} burndown={burndown} onTargetSaved={onTargetSaved} />
          ))}
        </div>
      )}
    </section>
  );
}

function TeamBurndownChart({ burndown, onTargetSaved }: { burndown: TeamBurndownView; onTargetSaved: () => void }) {
  const { t, fmt } = useI18n();
  const points = [...burndown.points].sort((a, b) => a.weekOf.localeCompare(b.weekOf));
  const last = points[points.length - 1];
  const behind = burndown.keysBehindTarget;
  const rows = points.map((p) => ({ week: fmt.shortDate(p.weekOf), overdue: p.overdue, target: p.target }));
  return (
    <ChartFigure
      testId="team-burndown"
      title={burndown.team.name}
      summary={
        <>
          {t('rotation.teamBurndownSummary', {
            overdue: last?.overdue ?? 0,
            date: fmt.date(burndown.targetDate),
            source: burndown.targetIsDefault ? t('rotation.targetDefault') : t('rotation.targetSet'),
          })}{' '}
          <span className={behind > 0 ? 'badge band-WEAK' : 'badge band-STRONG'} data-testid="burndown-pace">
            {behind > 0 ? t('rotation.behindTarget', { keys: behind }) : t('rotation.onTrack')}
          </span>
        </>
      }
      table={{
        caption: `${t('rotation.teamBurndowns')} · ${burndown.team.name}`,
        headers: [t('rotation.weekOf'), t('rotation.overdueKeys'), t('rotation.targetLine')],
        rows: points.map((p) => [fmt.date(p.weekOf), p.overdue, fmt.number(p.target, 1)]),
      }}
      actions={<TargetForm burndown={burndown} onSaved={onTargetSaved} />}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44} />
          {/* One decimal is enough to read a pace; the drawn line keeps its exact slope. */}
          <Tooltip formatter={(value) => (typeof value === 'number' ? fmt.number(value, 1) : value)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="stepAfter" dataKey="overdue" name={t('rotation.overdueKeys')} stroke="#b3261e" fill="#b3261e" fillOpacity={0.15} isAnimationActive={false} />
          <Line type="linear" dataKey="target" name={t('rotation.targetLine')} stroke="#1f4e8c" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** Settable by whoever the server lets set it (settings writers, the team's own lead); others read the day in the summary. */
function TargetForm({ burndown, onSaved }: { burndown: TeamBurndownView; onSaved: () => void }) {
  const { t } = useI18n();
  const { slug } = useOrganization();
  const { can } = useAccess();
  const [save, state] = useMutation(SET_TEAM_ROTATION_TARGET);
  const [day, setDay] = useState(burndown.targetDate);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDay(burndown.targetDate), [burndown.targetDate]);
  if (!can(SET_TEAM_ROTATION_TARGET)) return null;
  const submit = async (targetDate: string | null) => {
    setMessage(null);
    if (targetDate !== null && !targetDate) return setMessage(t('rotation.targetInvalid'));
    if (await save({ org: slug, teamId: burndown.team.id, targetDate })) {
      setMessage(t('rotation.targetSaved'));
      onSaved();
    }
  };
  const inputId = `target-${burndown.team.id}`;
  return (
    <form
      className="burndown-target"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit(day);
      }}
    >
      <div className="field">
        <label htmlFor={inputId}>{t('rotation.targetDay')}</label>
        <input id={inputId} type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="target-day" />
      </div>
      <button type="submit" className="button" disabled={state.running} data-testid="save-target">
        {t('rotation.saveTarget')}
      </button>
      {burndown.targetIsDefault ? null : (
        <button type="button" className="button secondary" disabled={state.running} onClick={() => void submit(null)}>
          {t('rotation.useDefaultTarget')}
        </button>
      )}
      <p className="small" role="status">
        {state.error ? <span role="alert">{state.error.message}</span> : message}
      </p>
    </form>
  );
}
