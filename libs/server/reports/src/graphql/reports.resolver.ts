import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Caller, CurrentCaller, describeCaller, Roles } from '@postureboard/server-auth';
import { REPORT_ROLES } from '../report-access.js';
import { ReportsService } from '../reports.service.js';
import { ReportObject, toReportObject } from './report.object.js';
import { toGraphQLError } from './reports.graphql-error.js';

const graphql = <T>(run: () => Promise<T>): Promise<T> => run().catch((e: unknown) => Promise.reject(toGraphQLError(e)));

@Resolver(() => ReportObject)
@Roles(...REPORT_ROLES)
export class ReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @Query(() => [ReportObject], { description: 'Stored board reports of an organization, newest first' })
  reports(@Args('org', { type: () => String }) org: string): Promise<ReportObject[]> {
    return graphql(async () => (await this.service.list(org)).map(toReportObject));
  }

  @Mutation(() => ReportObject, { description: 'Generates and stores a board report (PDF) as of a date (default now)' })
  generateReport(
    @Args('org', { type: () => String }) org: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf: Date | null,
    @Args('lang', { type: () => String, nullable: true, defaultValue: 'en' }) lang: string | null,
    @CurrentCaller() caller: Caller,
  ): Promise<ReportObject> {
    return graphql(async () => toReportObject((await this.service.generate({ orgSlug: org, asOf, lang, generatedBy: describeCaller(caller) })).report));
  }
}
