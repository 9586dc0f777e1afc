import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CountryActivityView, CountryDayView } from './cross-border.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { ChartFigure } from '../../ui/chart-figure.js';
import { Empty } from '../../ui/query-state.js';

// Unapproved countries in warm colours, approved ones in cool colours, as in the bar chart.
const WARM = ['#b3261e', '#c25e00', '#8c4a00', '#d4477a', '#7a1f1a'];
const COOL = ['#1f5fbf', '#1b7a43', '#5c6b7e', '#8e3fa8', '#0f6b75'];
const TOP = 5;

export function CountryVolumeChart({ countries }: { countries: CountryActivityView[] }) {
  const { t, fmt } = useI18n();
  if (countries.length === 0) {
    return (
      <section className="card">
        <h2>{t('crossBorder.byCountry')}</h2>
        <Empty>{t('crossBorder.byCountryEmpty')}</Empty>
      </section>
    );
  }
  const sorted = [...countries].sort((a, b) => b.bytes - a.bytes);
  const total = sorted.reduce((sum, c) => sum + c.bytes, 0);
  const unapproved = sorted.filter((c) => !c.approved);
  const share = total > 0 ? unapproved.reduce((sum, c) => sum + c.bytes, 0) / total : 0;
  const rows = sorted.map((c) => ({ name: `${fmt.country(c.country)}${c.approved ? '' : ' ⚠'}`, bytes: c.bytes, approved: c.approved }));
  return (
    <ChartFigure
      title={t('crossBorder.byCountry')}
      summary={t('crossBorder.byCountrySummary', { unapproved: unapproved.length, countries: sorted.length, share: fmt.percent(share) })}
      table={{
        caption: t('crossBorder.byCountry'),
        headers: [t('crossBorder.country'), t('crossBorder.approved'), t('crossBorder.events'), t('crossBorder.bytes')],
        rows: sorted.map((c) => [fmt.country(c.country), c.approved ? t('common.yes') : t('crossBorder.notApproved'), fmt.number(c.events), fmt.bytes(c.bytes)]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e3e8ef" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => fmt.bytes(v)} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => fmt.bytes(Number(v))} />
          <Bar dataKey="bytes" name={t('crossBorder.bytes')} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.approved ? '#1f5fbf' : '#b3261e'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function CountryTimelineChart({ daily, days, countries }: { daily: CountryDayView[]; days: number; countries: CountryActivityView[] }) {
  const { t, fmt } = useI18n();
  if (daily.length === 0) return null;
  const totals = new Map<string, number>();
  for (const d of daily) totals.set(d.country, (totals.get(d.country) ?? 0) + d.bytes);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([c]) => c);
  const byDay = new Map<string, Record<string, number>>();
  for (const d of daily) {
    if (!top.includes(d.country)) continue;
    const row = byDay.get(d.day) ?? {};
    row[d.country] = (row[d.country] ?? 0) + d.bytes;
    byDay.set(d.day, row);
  }
  const dayKeys = [...byDay.keys()].sort();
  const approved = new Set(countries.filter((c) => c.approved).map((c) => c.country));
  const colours = new Map<string, string>();
  let warm = 0;
  let cool = 0;
  for (const c of top) colours.set(c, approved.has(c) ? COOL[cool++ % COOL.length] : WARM[warm++ % WARM.length]);
  const rows = dayKeys.map((day) => ({ day: fmt.shortDate(day), ...byDay.get(day) }));
  return (
    <ChartFigure
      title={t('crossBorder.overTime')}
      summary={t('crossBorder.overTimeSummary', { count: top.length, days })}
      table={{
        caption: t('crossBorder.overTime'),
        headers: [t('crossBorder.day'), ...top.map((c) => fmt.country(c))],
        rows: dayKeys.map((day) => [fmt.date(day), ...top.map((c) => fmt.bytes(byDay.get(day)?.[c] ?? 0))]),
      }}
      tall
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e3e8ef" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={20} />
          <YAxis tickFormatter={(v: number) => fmt.bytes(v)} tick={{ fontSize: 11 }} width={70} />
          <Tooltip formatter={(v) => fmt.bytes(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {top.map((c) => (
            <Area key={c} type="monotone" dataKey={c} name={fmt.country(c)} stackId="countries" stroke={colours.get(c)} fill={colours.get(c)} fillOpacity={0.35} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
