/**
 * The one rule for data volumes on every surface (web, report, CLI): decimal SI units (1 GB = 10⁹ bytes, as
 * storage and network figures are quoted), one decimal below 100 of a unit, none from 100 up or for bytes.
 * A binary rule on one page and a decimal one on another once showed 646.2 GB beside 694 GB for the same bytes.
 */
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

export interface ScaledBytes {
  value: number;
  unit: (typeof UNITS)[number];
  fractionDigits: 0 | 1;
}

export const scaleBytes = (bytes: number): ScaledBytes => {
  let unit = 0;
  let value = bytes;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return { value, unit: UNITS[unit]!, fractionDigits: unit === 0 || Math.abs(value) >= 100 ? 0 : 1 };
};

const formats = new Map<string, Intl.NumberFormat>();

/** `bytes` in the reader's locale ("694 GB", "6.6 GB", "6,6 GB"), by `scaleBytes`' rule. */
export const formatBytes = (bytes: number, locale: string): string => {
  const { value, unit, fractionDigits } = scaleBytes(bytes);
  const key = `${locale}|${unit}|${fractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: fractionDigits });
    formats.set(key, format);
  }
  return format.format(value);
};
