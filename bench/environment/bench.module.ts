import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@postureboard/server-auth';
import { type AppConfig, CoreModule } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { IngestModule } from '@postureboard/server-ingest';
import { NotificationsModule } from '@postureboard/server-notifications';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { PostureReportDataSource, ReportsModule } from '@postureboard/server-reports';

/** The product's feature modules as the CLI wires them, migrating the fresh database first. */
@Module({})
export class BenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BenchModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot({ migrate: true, poolSize: 4 }),
        OrganizationModule,
        PostureModule,
        AuthModule.forRoot(),
        IngestModule.forRoot(),
        // No worker of its own: the alert latency measure starts one, with the default settings.
        NotificationsModule.forRoot(),
        ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource }),
      ],
    };
  }
}
