import { Suspense, type ReactNode } from 'react';
import { Loading } from './query-state.js';

/** Holds a chart's place while the charting code loads, so the page does not jump. */
export function ChartSuspense({ children, tall }: { children: ReactNode; tall?: boolean }) {
  return (
    <Suspense
      fallback={
        <div className="card" style={{ minHeight: tall ? 420 : 360 }}>
          <Loading />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}
