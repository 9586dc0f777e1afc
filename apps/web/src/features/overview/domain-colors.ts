import type { ScoreDomain } from '../../data-access/graphql.generated.js';

/** Distinguishable for common colour-vision deficiencies; lines also differ by dash pattern. */
export const DOMAIN_COLORS: Record<ScoreDomain | 'OVERALL', string> = {
  OVERALL: '#14263d',
  KEY_MANAGEMENT: '#1f5fbf',
  ACCESS_GOVERNANCE: '#8e3fa8',
  CROSS_BORDER_ACCESS: '#c25e00',
  DETECTION: '#1b7a43',
};

export const DOMAIN_DASHES: Record<ScoreDomain | 'OVERALL', string | undefined> = {
  OVERALL: undefined,
  KEY_MANAGEMENT: '6 3',
  ACCESS_GOVERNANCE: '2 2',
  CROSS_BORDER_ACCESS: '8 3 2 3',
  DETECTION: '1 3',
};
