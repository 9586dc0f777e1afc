import { useState, type FormEvent } from 'react';
import { useOrganization } from '../../app/organization.context.js';
import { Role } from '../../data-access/graphql.generated.js';
import { useMutation } from '../../data-access/use-mutation.js';
import { useQuery } from '../../data-access/use-query.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { SelectField, TextField } from '../../ui/form-fields.js';
import { PageHeader } from '../../ui/page-header.js';
import { Empty, ErrorMessage, QueryState } from '../../ui/query-state.js';
import type { RoleName } from '../administration/admin-access.js';
import { RoleGate } from '../administration/role-gate.js';
import { MEMBERS_QUERY, type MemberView, SET_MEMBER } from './access.documents.js';
import '../administration/administration.css';

const ROLES = Object.values(Role);

function RoleSelect({ member, org, self, onChanged }: { member: MemberView; org: string; self: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [setMember, state] = useMutation(SET_MEMBER);
  const change = async (role: string) => {
    if (await setMember({ org, email: member.email, role: role as RoleName, teams: role === Role.ENGINEERING_LEAD ? member.teamIds : null })) onChanged();
  };
  return (
    <>
      <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
        {t('members.roleOf', { email: member.email })}
      </label>
      <select id={`role-${member.userId}`} value={member.role} onChange={(e) => change(e.target.value)} disabled={self || state.running} data-testid="member-role">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      {self ? <div className="small muted">{t('members.self')}</div> : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
    </>
  );
}

function AddMemberForm({ org, teams, onSaved }: { org: string; teams: readonly { id: string; name: string }[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>(Role.ANALYST);
  const [team, setTeam] = useState('');
  const [setMember, state] = useMutation(SET_MEMBER);
  const [outcome, setOutcome] = useState<{ email: string; password: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    setProblem(null);
    if (!email.trim()) return setProblem(t('members.emailRequired'));
    const result = await setMember({ org, email: email.trim(), role: role as RoleName, teams: role === Role.ENGINEERING_LEAD && team ? [team] : null });
    if (result) {
      setOutcome({ email: result.setMember.member.email, password: result.setMember.generatedPassword ?? null });
      setEmail('');
      onSaved();
    }
  };
  return (
    <form className="card section" onSubmit={submit} aria-labelledby="add-member-title" noValidate autoComplete="off">
      <h2 id="add-member-title">{t('members.add')}</h2>
      <p className="small muted">{t('members.addHint')}</p>
      <div className="form-row">
        <TextField label={t('members.email')} type="email" value={email} onChange={setEmail} required testId="member-email" />
        <SelectField label={t('members.role')} value={role} allowAll={false} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} testId="member-new-role" />
        {role === Role.ENGINEERING_LEAD ? (
          <SelectField label={t('members.team')} value={team} onChange={setTeam} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        ) : null}
      </div>
      {problem ? (
        <p className="notice warn" role="alert">
          {problem}
        </p>
      ) : null}
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {outcome ? (
        <div className="notice success" role="status" data-testid="member-added">
          <p>{t('members.saved', { email: outcome.email })}</p>
          {outcome.password ? (
            <>
              <p>{t('members.firstPassword')}</p>
              <p className="secret-once" data-testid="first-password">
                {outcome.password}
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <p>
        <button type="submit" className="button" disabled={state.running} data-testid="member-save">
          {state.running ? t('common.saving') : t('members.save')}
        </button>
      </p>
    </form>
  );
}

function MembersContent({ org, email }: { org: string; email: string }) {
  const { t, fmt } = useI18n();
  const query = useQuery(MEMBERS_QUERY, { org });
  return (
    <QueryState {...query}>
      {({ members, teams }) => (
        <>
          <section className="card section" aria-labelledby="members-title">
            <h2 id="members-title">{t('members.list')}</h2>
            {members.length === 0 ? (
              <Empty />
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="members-table">
                  <caption className="visually-hidden">{t('members.list')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('members.email')}</th>
                      <th scope="col">{t('members.role')}</th>
                      <th scope="col">{t('members.teams')}</th>
                      <th scope="col">{t('members.status')}</th>
                      <th scope="col">{t('members.lastSignIn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.userId}>
                        <th scope="row">{m.email}</th>
                        <td>
                          <RoleSelect member={m} org={org} self={m.email.toLowerCase() === email.toLowerCase()} onChanged={query.refetch} />
                        </td>
                        <td className="small">{m.teamIds.map((id) => teams.find((x) => x.id === id)?.name ?? id).join(', ') || t('common.dash')}</td>
                        <td>{m.status === 'ACTIVE' ? t('members.active') : t('members.deactivated')}</td>
                        <td className="small">{m.lastSignInAt ? fmt.dateTime(m.lastSignInAt) : t('common.never')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <AddMemberForm org={org} teams={teams} onSaved={query.refetch} />
        </>
      )}
    </QueryState>
  );
}

export default function MembersPage() {
  const { t } = useI18n();
  const { slug } = useOrganization();
  return (
    <div className="admin-page">
      <PageHeader title={t('members.title')} subtitle={t('members.subtitle')} />
      <RoleGate capability="members">{(_role, email) => <MembersContent org={slug} email={email} />}</RoleGate>
    </div>
  );
}
