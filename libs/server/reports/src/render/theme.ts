import type { ScoreDomain, Severity } from '@postureboard/domain';

/** The report's look in one place: A4 portrait, a restrained palette, one type family. */
export const PAGE = { width: 595.28, height: 841.89, marginX: 54, marginTop: 78, marginBottom: 66 } as const;

export const COLORS = {
  ink: '#17202b',
  text: '#2c3440',
  muted: '#667080',
  faint: '#9aa3ae',
  rule: '#d7dce2',
  panel: '#f3f5f8',
  zebra: '#f8f9fb',
  accent: '#1d3b5c',
  accentSoft: '#e6edf5',
  positive: '#2f7d55',
  negative: '#b83b2e',
} as const;

export const BAND_COLORS: Record<string, string> = {
  STRONG: '#2f7d55',
  ADEQUATE: '#8c8a1f',
  WEAK: '#d27a1f',
  CRITICAL: '#b83b2e',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  CRITICAL: '#b83b2e',
  HIGH: '#d27a1f',
  MEDIUM: '#b9962a',
  LOW: '#6f7f92',
};

export const DOMAIN_COLORS: Record<ScoreDomain, string> = {
  KEY_MANAGEMENT: '#2f6db3',
  ACCESS_GOVERNANCE: '#8a4fa8',
  CROSS_BORDER_ACCESS: '#c0662b',
  DETECTION: '#1f8f82',
};

export const SLA_COLORS = { withinPolicy: '#5c9c7a', dueSoon: '#d9a73a', overdue: '#b83b2e' } as const;

export const TYPE = { title: 26, h1: 17, h2: 11.5, body: 9.5, small: 8, tiny: 7 } as const;
