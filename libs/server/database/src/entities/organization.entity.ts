import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'organization' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'approved_countries', type: 'text', array: true, default: () => "'{}'" })
  approvedCountries!: string[];

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: string;

  @Column({ name: 'it_ratio_benchmark', type: 'numeric', precision: 6, scale: 4, transformer: numeric })
  itRatioBenchmark!: number;

  @Column({ name: 'revenue_ratio_benchmark', type: 'numeric', precision: 6, scale: 4, transformer: numeric })
  revenueRatioBenchmark!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
