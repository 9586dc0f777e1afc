import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@postureboard/server-auth';
import { type AppConfig, CoreModule, ingestInputLimits } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { IngestModule } from '@postureboard/server-ingest';
import { NotificationsModule } from '@postureboard/server-notifications';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { PostureReportDataSource, ReportsModule } from '@postureboard/server-reports';
import { DemoModule } from '@postureboard/server-demo';

/** The same feature modules as the API, without HTTP: the CLI works on the operator's own database. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ migrate: false, poolSize: 4 }), OrganizationModule, PostureModule, DemoModule, AuthModule.forRoot(), IngestModule.forRoot({ inputLimits: ingestInputLimits(config) }), NotificationsModule.forRoot(), ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource })],
    };
  }
}
