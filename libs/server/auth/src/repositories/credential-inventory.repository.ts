import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One of the product's own keys, as the credential inventory lists it. */
export interface OwnCredential {
  externalId: string;
  kind: 'SIGNING_KEY';
  name: string;
  algorithm: string;
  status: 'ACTIVE' | 'INACTIVE';
  /** When a retired key stopped signing. */
  deactivatedAt: Date | null;
  createdAt: Date;
  lastRotatedAt: Date;
  expiresAt: Date | null;
  attributes: Record<string, string | number>;
}

export const OWN_CREDENTIAL_SOURCE = 'postureboard';

/** Writes the product's own credentials into every organization's inventory, beside the ones it collects. */
@Injectable()
export class CredentialInventoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertForEveryOrganization(credentials: readonly OwnCredential[], seenAt: Date): Promise<void> {
    for (const c of credentials) {
      await this.dataSource.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, algorithm, environment, status,
           created_at, last_rotated_at, expires_at, first_seen_at, attributes, updated_at, deactivated_at)
         SELECT o.id, $1, $2, $3, $4, $5, 'PRODUCTION', $6, $7, $8, $9, $10, $11::jsonb, $10, $12 FROM organization o
         ON CONFLICT (organization_id, source, external_id) DO UPDATE SET
           status = EXCLUDED.status, expires_at = EXCLUDED.expires_at, last_rotated_at = EXCLUDED.last_rotated_at,
           deactivated_at = EXCLUDED.deactivated_at, attributes = EXCLUDED.attributes,
           updated_at = CASE WHEN credential.status IS DISTINCT FROM EXCLUDED.status
                              OR credential.expires_at IS DISTINCT FROM EXCLUDED.expires_at THEN EXCLUDED.updated_at ELSE credential.updated_at END`,
        [
          OWN_CREDENTIAL_SOURCE,
          c.externalId,
          c.kind,
          c.name,
          c.algorithm,
          c.status,
          c.createdAt,
          c.lastRotatedAt,
          c.expiresAt,
          seenAt,
          JSON.stringify(c.attributes),
          c.deactivatedAt,
        ],
      );
    }
  }
}
