import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity.js';

export interface NewOrganization {
  slug: string;
  name: string;
  approvedCountries: string[];
  currency: string;
}

@Injectable()
export class OrganizationRepository {
  private readonly repository: Repository<OrganizationEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(OrganizationEntity);
  }

  findAll(): Promise<OrganizationEntity[]> {
    return this.repository.find({ order: { slug: 'ASC' } });
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.repository.findOneBy({ slug });
  }

  findByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repository.createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
  }

  /** Inserts unless the slug exists; returns null when it does (the caller decides what that means). */
  async insert(input: NewOrganization): Promise<OrganizationEntity | null> {
    const result = await this.repository.createQueryBuilder().insert().values(input).orIgnore().returning(['id']).execute();
    return result.raw.length ? this.findBySlug(input.slug) : null;
  }

  async updateApprovedCountries(id: string, approvedCountries: string[]): Promise<void> {
    await this.repository.update({ id }, { approvedCountries });
  }
}
