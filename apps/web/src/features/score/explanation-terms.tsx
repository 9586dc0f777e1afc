import type { ExplanationTermKind, ScoreDomain } from '../../data-access/graphql.generated.js';
import { useI18n } from '../../i18n/i18n.context.js';
import { isMessageKey } from '../../i18n/messages.js';

export interface ExplanationTermView {
  kind: ExplanationTermKind;
  label: string;
  points: number;
  metric?: string | null;
  domain?: ScoreDomain | null;
  fingerprint?: string | null;
}

interface MetricView {
  name: string;
  description: string;
  points: number;
  maxPoints: number;
}

interface DomainView {
  domain: ScoreDomain;
  score: number | null;
}

/**
 * The terms that add up to a score, in the reader's words, with the score shown as their sum: the same
 * terms the API, the CLI and the report give (docs/scoring.md), so the page's own figures add up.
 */
export function ExplanationTerms({
  terms,
  score,
  metrics = [],
  domains = [],
  subjects = new Map(),
  weights = new Map(),
}: {
  terms: readonly ExplanationTermView[];
  score: number;
  metrics?: readonly MetricView[];
  domains?: readonly DomainView[];
  subjects?: ReadonlyMap<string, string>;
  weights?: ReadonlyMap<ScoreDomain, string>;
}) {
  const { t, fmt } = useI18n();
  const labelOf = (term: ExplanationTermView): string => {
    switch (term.kind) {
      case 'METRIC': {
        if (term.domain) {
          const domain = domains.find((d) => d.domain === term.domain);
          return t('score.term.METRIC.domain', { domain: t(`domain.${term.domain}`), score: domain?.score === null || !domain ? '—' : fmt.score(domain.score), weight: weights.get(term.domain) ?? '' });
        }
        const metric = metrics.find((m) => m.name === term.metric);
        const key = `metric.${term.metric ?? ''}`;
        const name = isMessageKey(key) ? t(key) : (metric?.description ?? term.label);
        return metric ? t('score.term.METRIC', { metric: name, points: fmt.score(metric.points), max: fmt.score(metric.maxPoints) }) : name;
      }
      case 'FINDING':
        return t('score.term.FINDING', { subject: (term.fingerprint && subjects.get(term.fingerprint)) ?? term.label });
      case 'BASE':
      case 'CAP':
      case 'FLOOR':
      case 'ROUNDING':
        return t(`score.term.${term.kind}`);
    }
  };
  return (
    <div className="table-scroll">
    <table className="data" data-testid="explanation-terms">
      <caption className="visually-hidden">{t('score.explanation')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('score.term')}</th>
          <th scope="col" className="num">
            {t('score.points')}
          </th>
        </tr>
      </thead>
      <tbody>
        {terms.map((term, i) => (
          <tr key={`${term.kind}-${term.metric ?? term.domain ?? term.fingerprint ?? i}`} data-kind={term.kind}>
            <td>{labelOf(term)}</td>
            <td className="num" data-testid="term-points">
              {term.kind === 'BASE' || term.domain ? fmt.number(term.points, 2) : fmt.signed(term.points, 2)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('score.total')}</th>
          <td className="num" data-testid="terms-total">
            <strong>{fmt.score(score)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
    </div>
  );
}
