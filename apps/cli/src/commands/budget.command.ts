import { type Command, InvalidArgumentError } from 'commander';
import { BudgetService, type BudgetWithRatios } from '@postureboard/server-posture';
import { output, resolve, table } from '../cli-context.js';

/** Plain numbers; thousands separators (1,000,000 or 1_000_000) are accepted. The service checks ranges. */
export const parseAmount = (value: string): number => {
  const cleaned = value.trim().replace(/[,_]/g, '');
  const amount = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isFinite(amount)) throw new InvalidArgumentError(`"${value}" is not a number`);
  return amount;
};

const parseYear = (value: string): number => {
  if (!/^\d{4}$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a year (expected e.g. 2026)`);
  return Number(value);
};

const percent = (ratio: number | null): string => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(2)} %`);

const toRow = (b: BudgetWithRatios) => ({
  fiscalYear: b.fiscalYear,
  currency: b.currency,
  itSpend: b.itSpend,
  securitySpend: b.securitySpend,
  revenue: b.revenue,
  securityToItRatio: b.securityToItRatio,
  securityToRevenueRatio: b.securityToRevenueRatio,
});

export function registerBudget(program: Command): void {
  const budget = program.command('budget').description('security and IT spend per fiscal year (shown beside the scores, never in them)');
  budget
    .command('set')
    .description('record (or replace) the spend of one fiscal year')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--fiscal-year <year>', 'fiscal year, e.g. 2026', parseYear)
    .requiredOption('--it-spend <amount>', 'total IT spend', parseAmount)
    .requiredOption('--security-spend <amount>', 'security spend', parseAmount)
    .requiredOption('--revenue <amount>', 'revenue', parseAmount)
    .requiredOption('--currency <code>', 'ISO 4217 currency, e.g. KRW')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org: string; fiscalYear: number; itSpend: number; securitySpend: number; revenue: number; currency: string; json?: boolean }) => {
      const saved = await (await resolve(BudgetService)).set(o.org, {
        fiscalYear: o.fiscalYear,
        itSpend: o.itSpend,
        securitySpend: o.securitySpend,
        revenue: o.revenue,
        currency: o.currency,
      });
      output(Boolean(o.json), toRow(saved), () =>
        `Budget FY${saved.fiscalYear} (${saved.currency}): security is ${percent(saved.securityToItRatio)} of IT spend and ${percent(saved.securityToRevenueRatio)} of revenue.`,
      );
    });
  budget
    .command('list')
    .description('recorded budgets, newest fiscal year first')
    .requiredOption('--org <slug>', 'organization')
    .option('--json', 'print a JSON array')
    .action(async (o: { org: string; json?: boolean }) => {
      const rows = (await (await resolve(BudgetService)).list(o.org)).map(toRow);
      output(Boolean(o.json), rows, () =>
        table(
          rows.map((r) => ({ ...r, securityToItRatio: percent(r.securityToItRatio), securityToRevenueRatio: percent(r.securityToRevenueRatio) })),
          ['fiscalYear', 'currency', 'itSpend', 'securitySpend', 'revenue', 'securityToItRatio', 'securityToRevenueRatio'],
        ),
      );
    });
}
