import fc from 'fast-check';
import { formatBytes, scaleBytes } from './units.js';

describe('data volumes', () => {
  it('uses decimal units: 694 × 10⁹ bytes are 694 GB (not 646.3 "GB" of 2³⁰)', () => {
    expect(formatBytes(694e9, 'en-US')).toBe('694 GB');
    expect(formatBytes(7.1e9, 'en-US')).toBe('7.1 GB');
    expect(formatBytes(999, 'en-US')).toBe('999 byte');
    expect(formatBytes(1.5e12, 'ko-KR')).toBe('1.5TB');
  });

  it('scales to a value below 1000 of its unit, and back to the bytes within the shown precision', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e17, noNaN: true }), (bytes) => {
        const { value, unit, fractionDigits } = scaleBytes(bytes);
        if (unit !== 'petabyte') expect(value).toBeLessThan(1000);
        const exponent = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'].indexOf(unit) * 3;
        expect(Math.abs(value * 10 ** exponent - bytes)).toBeLessThanOrEqual(Math.max(1e-6, bytes * 1e-9));
        expect(fractionDigits === 0 || value < 100).toBe(true);
      }),
    );
  });
});
