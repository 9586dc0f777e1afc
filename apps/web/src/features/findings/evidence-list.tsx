import { useState } from 'react';
import type { FindingDetail } from './findings.documents.js';
import { useI18n } from '../../i18n/i18n.context.js';

const FIRST_PAGE = 20;
const OPEN_BY_DEFAULT = 3;

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Evidence can run to hundreds of raw records: each folds open on demand, the first few already open. */
export function EvidenceList({ records }: { records: FindingDetail['evidence'][number][] }) {
  const { t, fmt } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? records : records.slice(0, FIRST_PAGE);
  return (
    <>
      <p className="small muted">{t('common.showingOf', { shown: shown.length, total: records.length })}</p>
      <ul className="evidence-list">
        {shown.map((record, i) => (
          <li key={i}>
            <details open={i < OPEN_BY_DEFAULT}>
              <summary>
                <strong>{record.description}</strong>{' '}
                <span className="small muted">
                  {record.source}
                  {record.at ? ` · ${fmt.dateTime(record.at)}` : ''}
                </span>
              </summary>
              <pre className="evidence" tabIndex={0}>
                {prettyJson(record.data)}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      {records.length > shown.length ? (
        <button type="button" className="button secondary" onClick={() => setShowAll(true)}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </>
  );
}
