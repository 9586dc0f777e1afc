import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.js';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** When set, the column header becomes a sort button. */
  sortValue?: (row: T) => string | number | null;
  numeric?: boolean;
}

type Direction = 'ascending' | 'descending';

export function sortRows<T>(rows: readonly T[], value: (row: T) => string | number | null, direction: Direction): T[] {
  const factor = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    // Missing values sink to the bottom whichever way the column is sorted.
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * factor;
    return String(x).localeCompare(String(y)) * factor;
  });
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  testId,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  initialSort?: { id: string; direction: Direction };
  testId?: string;
}) {
  const { t } = useI18n();
  const [sort, setSort] = useState(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.id);
    return column?.sortValue && sort ? sortRows(rows, column.sortValue, sort.direction) : [...rows];
  }, [rows, columns, sort]);

  const toggle = (id: string) =>
    setSort((current) => ({ id, direction: current?.id === id && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="table-scroll">
      <table className="data" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort?.id === c.id ? sort.direction : undefined}>
                {c.sortValue ? (
                  <button type="button" className="sort-button" onClick={() => toggle(c.id)} title={t('common.sortBy', { column: c.header })}>
                    {c.header}
                    <span aria-hidden="true">{sort?.id === c.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.id} className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
