import type { ScoreBand } from '../../data-access/graphql.generated.js';
import type { MessageKey } from '../../i18n/messages.js';

/** Scores below the ADEQUATE band's floor (the domain's default band boundaries) read as weak. */
export const WEAK_BELOW = 60;

/**
 * Where the organization sits when spend is set beside governance. The server's band decides
 * "weak" when there is one, so the words match the badge next to the score.
 */
export function quadrantOf(ratio: number, benchmark: number, score: number, band: ScoreBand | null): MessageKey {
  const weak = band ? band === 'WEAK' || band === 'CRITICAL' : score < WEAK_BELOW;
  const high = ratio >= benchmark;
  if (weak) return high ? 'overview.quadrantHighWeak' : 'overview.quadrantLowWeak';
  return high ? 'overview.quadrantHighStrong' : 'overview.quadrantLowStrong';
}
