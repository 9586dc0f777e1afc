import { describe, expect, it } from '@jest/globals';
import { quadrantOf } from './spend-quadrant.js';

describe('quadrantOf', () => {
  it('calls out high spend with weak governance, the case the overview exists to show', () => {
    expect(quadrantOf(0.12, 0.1, 40, 'WEAK')).toBe('overview.quadrantHighWeak');
  });

  it('places the demo story (4.6% of IT, weak score) as low spend with weak governance', () => {
    expect(quadrantOf(0.046, 0.1, 38.6, 'WEAK')).toBe('overview.quadrantLowWeak');
  });

  it('treats spend exactly at the benchmark as meeting it', () => {
    expect(quadrantOf(0.1, 0.1, 85, 'STRONG')).toBe('overview.quadrantHighStrong');
  });

  it("trusts the server's band over the score when both are given", () => {
    expect(quadrantOf(0.05, 0.1, 65, 'CRITICAL')).toBe('overview.quadrantLowWeak');
    expect(quadrantOf(0.05, 0.1, 65, null)).toBe('overview.quadrantLowStrong');
  });
});
