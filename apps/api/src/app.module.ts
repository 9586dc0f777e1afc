import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@postureboard/server-auth';
import { type AppConfig, CoreModule, ingestInputLimits } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { IngestModule } from '@postureboard/server-ingest';
import { OrganizationModule } from '@postureboard/server-organization';
import { PostureModule } from '@postureboard/server-posture';
import { PostureReportDataSource, ReportsModule } from '@postureboard/server-reports';
import { DemoModule } from '@postureboard/server-demo';
import { HealthController } from './health/health.controller.js';
import { WeeklySnapshotScheduler } from './schedule/weekly-snapshot.scheduler.js';

/** Wiring only: configuration, database, GraphQL and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot({ migrate: true }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: config.NODE_ENV !== 'production',
          introspection: config.NODE_ENV !== 'production',
          includeStacktraceInErrorResponses: false,
          // No response is cacheable (every answer depends on who asks), and the cache-control plugin would
          // otherwise wrap every field's resolver: about a fifth of the overview's CPU.
          plugins: [ApolloServerPluginCacheControlDisabled()],
        }),
        OrganizationModule,
        PostureModule,
        DemoModule,
        AuthModule.forRoot({ runStartupTasks: true }),
        // An in-process worker: one command runs everything; more workers are `postureboard worker` processes.
        IngestModule.forRoot({ worker: true, inputLimits: ingestInputLimits(config) }),
        ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource }),
      ],
      controllers: [HealthController],
      providers: [WeeklySnapshotScheduler],
    };
  }
}
