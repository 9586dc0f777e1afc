import { BUDGET_QUERY } from '../features/budget/budget.documents.js';
import { CONNECTORS_QUERY } from '../features/connectors/connectors.documents.js';
import { CROSS_BORDER_QUERY } from '../features/cross-border/cross-border.documents.js';
import { FINDING_QUERY, FINDINGS_QUERY } from '../features/findings/findings.documents.js';
import { OVERVIEW_QUERY } from '../features/overview/overview.documents.js';
import { LEAVERS_QUERY } from '../features/people/people.documents.js';
import { REPORTS_QUERY } from '../features/reports/reports.documents.js';
import { ROTATION_BOARD_QUERY } from '../features/rotation/rotation.documents.js';
import { SCORE_EXPLANATION_QUERY } from '../features/score/score.documents.js';
import { SETTINGS_QUERY } from '../features/settings/settings.documents.js';
import { ADMIN_PAGES } from '../features/administration/admin-access.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Needed } from './access/access.context.js';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
  /** What the page loads: the caller's role must be allowed every operation in it for the page to be linked and opened. */
  needs: readonly Needed[];
}

/**
 * Every area of the product, in the order a CISO's weekly review walks them. Which roles may open each is
 * not written here: it follows from the operations the page loads and the server's `organizationAccess`.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: '◎', needs: [OVERVIEW_QUERY] },
  { path: '/rotation', label: 'nav.rotation', icon: '⟳', needs: [ROTATION_BOARD_QUERY] },
  { path: '/people', label: 'nav.people', icon: '☺', needs: [LEAVERS_QUERY] },
  { path: '/cross-border', label: 'nav.crossBorder', icon: '⇄', needs: [CROSS_BORDER_QUERY] },
  { path: '/findings', label: 'nav.findings', icon: '⚑', needs: [FINDINGS_QUERY] },
  { path: '/budget', label: 'nav.budget', icon: '₩', needs: [BUDGET_QUERY] },
  { path: '/connectors', label: 'nav.connectors', icon: '⇆', needs: [CONNECTORS_QUERY] },
  { path: '/settings', label: 'nav.settings', icon: '⚙', needs: [SETTINGS_QUERY] },
  { path: '/reports', label: 'nav.reports', icon: '▤', needs: [REPORTS_QUERY] },
];

/** The administration hub is linked when at least one of its pages can be opened. */
export const ADMINISTRATION_NAV = { path: '/admin', label: 'nav.administration', icon: '⊞' } as const satisfies Omit<NavItem, 'needs'>;

/** Pages reached from others rather than from the navigation. */
const OTHER_PAGES: readonly { path: string; needs: readonly Needed[] }[] = [
  { path: '/score', needs: [SCORE_EXPLANATION_QUERY] },
  { path: '/findings/', needs: [FINDING_QUERY] },
];

/**
 * What opening `pathname` needs: the most specific page whose path it starts with (null: nothing, e.g. the
 * sign-in page). The administration hub itself needs one of its pages; each of them, its own operations.
 */
export function pageNeeds(pathname: string): { anyOf: readonly (readonly Needed[])[] } | null {
  const pages = [...NAV_ITEMS.filter((p) => p.path !== '/'), ...OTHER_PAGES, ...ADMIN_PAGES];
  const matches = pages.filter((p) => pathname === p.path || pathname.startsWith(p.path.endsWith('/') ? p.path : `${p.path}/`));
  const best = matches.sort((a, b) => b.path.length - a.path.length)[0];
  if (best) return { anyOf: [best.needs] };
  if (pathname === ADMINISTRATION_NAV.path) return { anyOf: ADMIN_PAGES.map((p) => p.needs) };
  if (pathname === '/') return { anyOf: [NAV_ITEMS[0]!.needs] };
  return null;
}
