import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { API_SCHEMA_OPTIONS, CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule } from '@postureboard/server-database';
import { AuthModule } from '../auth.module.js';

type Imported = Type | DynamicModule | ForwardReference | Promise<DynamicModule>;

class GraphQLTestModule {}

/**
 * A feature lib's GraphQL, as the API serves it, on a migrated test database: configuration, the database, the
 * guard (AuthModule) and the schema built with the API's own options, plus the feature modules under test.
 */
export function graphqlTestModule(databaseUrl: string, imports: Imported[], options: { poolSize?: number; env?: Record<string, string> } = {}): DynamicModule {
  return {
    module: GraphQLTestModule,
    imports: [
      CoreModule.forRoot(loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), ...options.env })),
      DatabaseModule.forRoot({ migrate: false, poolSize: options.poolSize ?? 2 }),
      AuthModule.forRoot(),
      GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, path: '/graphql', autoSchemaFile: true, sortSchema: true, buildSchemaOptions: API_SCHEMA_OPTIONS }),
      ...imports,
    ],
  };
}
