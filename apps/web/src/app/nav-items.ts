import type { MessageKey } from '../i18n/messages.js';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
}

/** Every area of the product, in the order a CISO's weekly review walks them. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: '◎' },
  { path: '/rotation', label: 'nav.rotation', icon: '⟳' },
  { path: '/people', label: 'nav.people', icon: '☺' },
  { path: '/cross-border', label: 'nav.crossBorder', icon: '⇄' },
  { path: '/findings', label: 'nav.findings', icon: '⚑' },
  { path: '/budget', label: 'nav.budget', icon: '₩' },
  { path: '/connectors', label: 'nav.connectors', icon: '⇆' },
  { path: '/settings', label: 'nav.settings', icon: '⚙' },
  { path: '/reports', label: 'nav.reports', icon: '▤' },
  { path: '/admin', label: 'nav.administration', icon: '⊞' },
];
