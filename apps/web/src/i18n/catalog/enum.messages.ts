import { GLOSSARY, glossaryEntries, type Glossary } from '@postureboard/domain/glossary';
import { defineMessages } from '../define-messages.js';

/** The glossary's words under the catalogue's keys: the report reads the same glossary (glossary.spec.ts). */
const glossaryMessages = (words: Glossary) => ({
  ...glossaryEntries('domain', words.domains),
  ...glossaryEntries('band', words.bands),
  ...glossaryEntries('severity', words.severities),
  ...glossaryEntries('status', words.findingStatuses),
  ...glossaryEntries('kind', words.findingKinds),
  ...glossaryEntries('credKind', words.credentialKinds),
  ...glossaryEntries('subjectType', words.subjectTypes),
  ...glossaryEntries('env', words.environments),
  ...glossaryEntries('freshness', words.freshness),
  ...glossaryEntries('metric', words.metrics),
});

/** Labels for the contract's enums: one concept, one name, in both languages. */
export const enumMessages = defineMessages({
  en: {
    ...glossaryMessages(GLOSSARY.en),
    'sla.WITHIN_POLICY': 'Within policy',
    'sla.DUE_SOON': 'Due in 30 days',
    'sla.OVERDUE': 'Overdue',
    'ratio.BELOW': 'Below benchmark',
    'ratio.WITHIN': 'Within benchmark',
    'ratio.ABOVE': 'Above benchmark',
  },
  ko: {
    ...glossaryMessages(GLOSSARY.ko),
    'sla.WITHIN_POLICY': '정책 준수',
    'sla.DUE_SOON': '30일 내 만료',
    'sla.OVERDUE': '기한 초과',
    'ratio.BELOW': '기준 미달',
    'ratio.WITHIN': '기준 범위 내',
    'ratio.ABOVE': '기준 초과',
  },
});
