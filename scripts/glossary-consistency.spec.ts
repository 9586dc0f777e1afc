import { GLOSSARY, GLOSSARY_LANGUAGES, type Glossary } from '../libs/domain/src/glossary/glossary.js';
import { messagesFor } from '../libs/server/reports/src/i18n/messages.js';
import { messages } from '../apps/web/src/i18n/messages.js';

/**
 * The web app and the board report speak of the same things in the same words: a CISO who reads "미흡" on the
 * screen must not find "취약" for the same band on paper. Both take their words from the glossary; this check
 * fails as soon as either of them says something else for a glossary term.
 */
type Group = keyof Glossary;

/** Where the web catalogue keeps each group (`prefix.NAME`). */
const WEB_PREFIX: Record<Group, string> = {
  domains: 'domain',
  bands: 'band',
  severities: 'severity',
  findingStatuses: 'status',
  findingKinds: 'kind',
  credentialKinds: 'credKind',
  metrics: 'metric',
  freshness: 'freshness',
  environments: 'env',
  subjectTypes: 'subjectType',
};

/** Where the report keeps each group; null where the report has no word of its own for it. */
const reportWords = (lang: (typeof GLOSSARY_LANGUAGES)[number], group: Group): Record<string, string> | null => {
  const m = messagesFor(lang);
  switch (group) {
    case 'domains':
      return m.domains;
    case 'bands':
      return { ...m.bands, NONE: m.notMeasured };
    case 'severities':
      return m.severities;
    case 'findingStatuses':
      return m.findingStatuses;
    case 'findingKinds':
      return m.findingKinds;
    case 'metrics':
      return m.explanations.metricNames;
    case 'freshness':
      return m.freshness;
    case 'credentialKinds':
    case 'environments':
    case 'subjectTypes':
      return null;
  }
};

/** Every string a value holds (functions skipped: their text is built from the same words). */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];

/** Words that once named a glossary term on one surface and not the other. */
const RETIRED_KO = ['접근 거버넌스', '접근권한', '자격증명', '측정 안 됨', '취약', '적정'];

describe('one glossary for the web app and the report', () => {
  for (const lang of GLOSSARY_LANGUAGES) {
    for (const group of Object.keys(WEB_PREFIX) as Group[]) {
      it(`uses the same ${lang} words for ${group} in the web catalogue and the report`, () => {
        const web = messages[lang] as Record<string, string>;
        const report = reportWords(lang, group);
        for (const [name, word] of Object.entries(GLOSSARY[lang][group])) {
          expect([name, web[`${WEB_PREFIX[group]}.${name}`]]).toEqual([name, word]);
          if (report) expect([name, report[name]]).toEqual([name, word]);
        }
      });
    }
  }

  it('leaves no retired Korean synonym of a glossary term in the web catalogue or the report', () => {
    const texts = [...Object.values(messages.ko), ...stringsOf(messagesFor('ko'))];
    expect(RETIRED_KO.flatMap((word) => texts.filter((text) => text.includes(word)).map((text) => `${word}: ${text}`))).toEqual([]);
  });
});
