import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@postureboard/server-auth';
import { API_SCHEMA_OPTIONS, type AppConfig, CoreModule, GraphQLClientErrorFilter, ingestInputLimits } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { IngestModule } from '@postureboard/server-ingest';
import { NotificationsModule } from '@postureboard/server-notifications';
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
          // Every Date field and argument is the strict DateTime (Nest's own accepts any text as an Invalid Date).
          buildSchemaOptions: API_SCHEMA_OPTIONS,
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
        // An in-process worker (ingest runs and posture evaluations): one command runs everything. In production,
        // API replicas may leave that to `postureboard worker` processes (POSTUREBOARD_IN_PROCESS_WORKER=false).
        IngestModule.forRoot({ worker: config.POSTUREBOARD_IN_PROCESS_WORKER, inputLimits: ingestInputLimits(config) }),
        // Delivers the notification outbox in-process too (with the in-process worker); more workers are `postureboard worker` processes.
        NotificationsModule.forRoot({ worker: config.POSTUREBOARD_IN_PROCESS_WORKER }),
        ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource }),
      ],
      controllers: [HealthController],
      providers: [WeeklySnapshotScheduler, { provide: APP_FILTER, useClass: GraphQLClientErrorFilter }],
    };
  }
}
