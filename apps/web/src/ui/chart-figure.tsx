import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.js';

export interface FigureTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

/**
 * Every chart is a figure with a written summary and its numbers as a table, so the information
 * does not depend on seeing the picture.
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
  tall,
  actions,
  testId,
}: {
  title: string;
  summary: ReactNode;
  table: FigureTable;
  children: ReactNode;
  tall?: boolean;
  /** Controls that belong with the chart (e.g. setting its target), below its table. */
  actions?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  const summaryId = useId();
  return (
    <figure className="card" aria-labelledby={`${summaryId}-title`} aria-describedby={summaryId} style={{ margin: 0 }} data-testid={testId}>
      <h2 id={`${summaryId}-title`}>{title}</h2>
      <div className={tall ? 'chart-box tall' : 'chart-box'} aria-hidden="true">
        {children}
      </div>
      <figcaption id={summaryId} className="chart-summary">
        {summary}
      </figcaption>
      <details className="chart-table">
        <summary>{t('common.showTable')}</summary>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {actions}
    </figure>
  );
}
