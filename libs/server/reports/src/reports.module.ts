import { type DynamicModule, Module, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { NotificationOutboxModule } from '@postureboard/server-notifications';
import { REPORT_DATA_SOURCE, type ReportDataSource } from './data/report-data-source.js';
import { ReportsResolver } from './graphql/reports.resolver.js';
import { ReportsController } from './http/reports.controller.js';
import { ReportsService } from './reports.service.js';
import { ReportRepository } from './storage/report.repository.js';
import { ReportScheduleRepository } from './storage/report-schedule.repository.js';

export interface ReportsModuleOptions {
  /** Modules that provide what `dataSource` needs (e.g. the posture module). */
  imports?: ModuleMetadata['imports'];
  /** The class implementing ReportDataSource over the posture services. */
  dataSource?: Type<ReportDataSource>;
}

/**
 * Board reports: generation, storage, GraphQL, the PDF download route. Without a `dataSource` here,
 * a REPORT_DATA_SOURCE provided by a global module is used; without either, generation answers
 * DATA_UNAVAILABLE while listing and downloading stored reports still work.
 */
@Module({})
export class ReportsModule {
  static forRoot(options: ReportsModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [ReportsService, ReportRepository, ReportScheduleRepository, ReportsResolver];
    if (options.dataSource) providers.push({ provide: REPORT_DATA_SOURCE, useClass: options.dataSource });
    return {
      module: ReportsModule,
      imports: [...(options.imports ?? []), NotificationOutboxModule],
      providers,
      controllers: [ReportsController],
      exports: [ReportsService],
    };
  }
}
