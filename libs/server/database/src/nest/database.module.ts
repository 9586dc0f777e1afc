import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { migrate, openDatabase, type OpenDatabase } from '../data-source/data-source.js';
import { AccessReviewRepository } from '../repositories/access-review.repository.js';
import { DemoSeedRepository } from '../repositories/demo-seed.repository.js';
import { FindingRepository } from '../repositories/finding.repository.js';
import { FindingWorkflowRepository } from '../repositories/finding-workflow.repository.js';
import { OrganizationRepository } from '../repositories/organization.repository.js';
import { PostureInputRepository } from '../repositories/posture-input.repository.js';
import { AccessRollupFoldRepository } from '../repositories/access-rollup-fold.repository.js';
import { ScoreSnapshotRepository } from '../repositories/score-snapshot.repository.js';
import { CurrentPostureRepository } from '../repositories/current-posture.repository.js';
import { TeamRepository } from '../repositories/team.repository.js';
import { ActivityRepository } from '../repositories/activity.repository.js';
import { BudgetRepository } from '../repositories/budget.repository.js';
import { CredentialViewRepository } from '../repositories/credential-view.repository.js';
import { LeaverRepository } from '../repositories/leaver.repository.js';
import { OffshoreIdentityRepository } from '../repositories/offshore-identity.repository.js';
import { RotationPolicyRepository } from '../repositories/rotation-policy.repository.js';
import { AccessEventStoreRepository } from '../repositories/access-event-store.repository.js';
import { ActivityRetentionRepository } from '../repositories/activity-retention.repository.js';
import { AccessRollupStoreRepository } from '../repositories/access-rollup-store.repository.js';
import { AccountStoreRepository } from '../repositories/account-store.repository.js';
import { CredentialStoreRepository } from '../repositories/credential-store.repository.js';
import { DataSourceRepository } from '../repositories/data-source.repository.js';
import { EntitlementStoreRepository } from '../repositories/entitlement-store.repository.js';
import { IdentityAliasRepository } from '../repositories/identity-alias.repository.js';
import { IdentityStoreRepository } from '../repositories/identity-store.repository.js';
import { IngestRunRepository } from '../repositories/ingest-run.repository.js';
import { PgClientRepository } from '../repositories/pg-client.repository.js';
import { ReviewDecisionStoreRepository } from '../repositories/review-decision-store.repository.js';
import { PostureChangeFeed } from '../notify/posture-change.feed.js';

export const OPEN_DATABASE = Symbol('OPEN_DATABASE');

const repositories = [
  OrganizationRepository,
  DemoSeedRepository,
  AccessReviewRepository,
  FindingRepository,
  FindingWorkflowRepository,
  PostureInputRepository,
  AccessRollupFoldRepository,
  ScoreSnapshotRepository,
  CurrentPostureRepository,
  TeamRepository,
  // The inventory pages and settings.
  ActivityRepository,
  BudgetRepository,
  CredentialViewRepository,
  LeaverRepository,
  OffshoreIdentityRepository,
  RotationPolicyRepository,
];

/** The ingest engine's set-based stores and run bookkeeping. */
const ingestRepositories = [
  PgClientRepository,
  IngestRunRepository,
  DataSourceRepository,
  IdentityStoreRepository,
  IdentityAliasRepository,
  AccountStoreRepository,
  EntitlementStoreRepository,
  CredentialStoreRepository,
  AccessEventStoreRepository,
  AccessRollupStoreRepository,
  ActivityRetentionRepository,
  ReviewDecisionStoreRepository,
];

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OPEN_DATABASE) private readonly database: OpenDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class DatabaseModule {
  /** `migrate: true` applies pending migrations before anything else touches the database. */
  static forRoot(options: { migrate: boolean; poolSize?: number }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: OPEN_DATABASE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const database = await openDatabase(config, { poolSize: options.poolSize });
            if (options.migrate) await migrate(database.dataSource);
            return database;
          },
        },
        { provide: DataSource, inject: [OPEN_DATABASE], useFactory: (database: OpenDatabase) => database.dataSource },
        DatabaseLifecycle,
        ...repositories,
        ...ingestRepositories,
        PostureChangeFeed,
      ],
      exports: [OPEN_DATABASE, DataSource, ...repositories, ...ingestRepositories, PostureChangeFeed],
    };
  }
}
