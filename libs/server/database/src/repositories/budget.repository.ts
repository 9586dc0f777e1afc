import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BudgetRecord {
  fiscalYear: number;
  itSpend: number;
  securitySpend: number;
  revenue: number;
  currency: string;
  updatedAt: Date;
}

const toBudget = (r: Record<string, unknown>): BudgetRecord => ({
  fiscalYear: r['fiscal_year'] as number,
  itSpend: Number(r['it_spend']),
  securitySpend: Number(r['security_spend']),
  revenue: Number(r['revenue']),
  currency: (r['currency'] as string).trim(),
  updatedAt: r['updated_at'] as Date,
});

/** Spend per fiscal year: one row per organisation and year, replaced when set again. */
@Injectable()
export class BudgetRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest fiscal year first. */
  async findAll(organizationId: string): Promise<BudgetRecord[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM budget WHERE organization_id = $1 ORDER BY fiscal_year DESC`, [organizationId])) as Record<
      string,
      unknown
    >[];
    return rows.map(toBudget);
  }

  async upsert(organizationId: string, budget: Omit<BudgetRecord, 'updatedAt'>): Promise<BudgetRecord> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO budget (organization_id, fiscal_year, it_spend, security_spend, revenue, currency)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET
         it_spend = EXCLUDED.it_spend, security_spend = EXCLUDED.security_spend, revenue = EXCLUDED.revenue,
         currency = EXCLUDED.currency, updated_at = now()
       RETURNING *`,
      [organizationId, budget.fiscalYear, budget.itSpend, budget.securitySpend, budget.revenue, budget.currency],
    )) as Record<string, unknown>[];
    return toBudget(row!);
  }
}
