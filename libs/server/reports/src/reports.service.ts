import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@postureboard/server-auth';
import { OrganizationRepository } from '@postureboard/server-database';
import { NotificationOutbox } from '@postureboard/server-notifications';
import { BoardReportDataAssembler } from './data/board-report-data.assembler.js';
import { toDate } from './data/date-like.util.js';
import { REPORT_DATA_SOURCE, type ReportDataSource } from './data/report-data-source.js';
import { isReportLang, type ReportLang } from './model/report-lang.js';
import { renderBoardReport } from './render/board-report.renderer.js';
import { REPORTS_CLOCK, type ReportsClock } from './reports.clock.js';
import { ReportError, ReportErrorCode } from './reports.error.js';
import type { ReportRecord, ReportTrigger } from './storage/report-record.js';
import { ReportRepository } from './storage/report.repository.js';
import { type ReportSchedule, ReportScheduleRepository } from './storage/report-schedule.repository.js';

export interface GenerateReport {
  orgSlug: string;
  /**
   * Defaults to now: the live posture the overview shows (not a new evaluation), and the report is as of the
   * instant that posture describes.
   */
  asOf?: Date | null;
  /** `en` or `ko`; defaults to `en`. */
  lang?: string | null;
  /** Who asked: an e-mail, `cli:<user>`, or `schedule`. */
  generatedBy: string;
}

export interface GeneratedReport {
  report: ReportRecord;
  content: Buffer;
}

/** Generates board reports, stores them with their checksum, and hands them back for download. */
@Injectable()
export class ReportsService {
  private readonly clock: ReportsClock;

  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly reports: ReportRepository,
    private readonly schedules: ReportScheduleRepository,
    @Optional() @Inject(REPORT_DATA_SOURCE) private readonly source: ReportDataSource | null,
    @Optional() @Inject(REPORTS_CLOCK) clock: ReportsClock | null,
    // @Inject by class: the compiler names a parameter typed `X | null` Object, which nothing provides.
    @Optional() @Inject(NotificationOutbox) private readonly outbox: NotificationOutbox | null = null,
    @Optional() @Inject(AuditTrail) private readonly audit: AuditTrail | null = null,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  async generate(input: GenerateReport): Promise<GeneratedReport> {
    const organizationId = await this.organizationId(input.orgSlug);
    const lang = parseLang(input.lang ?? 'en');
    const generatedAt = this.clock();
    const asOf = input.asOf ?? null;
    if (asOf && Number.isNaN(asOf.getTime())) throw new ReportError(ReportErrorCode.INVALID_INPUT, 'The as-of date is not a date');
    if (asOf && asOf > generatedAt) throw new ReportError(ReportErrorCode.INVALID_INPUT, 'The as-of date is in the future: a report describes what is known');
    const produced = await this.produce(organizationId, input.orgSlug, asOf, lang, input.generatedBy, generatedAt, 'ON_DEMAND');
    if (!produced) throw new Error('An on-demand report was not stored');
    return produced;
  }

  /**
   * One report per organisation, language and week the schedule asks for, once the organisation's stored posture
   * is of that week (`weekStart` on): the report reads that stored posture, as the weekly snapshot does, and is
   * dated at its instant. It never evaluates: API replicas run this schedule too, and a past instant's
   * evaluation (what a report as of `weekStart` would need) belongs to workers. Idempotent: a week with a
   * scheduled report in that language is not written again, so several replicas may run the same schedule.
   * Returns the reports written by this call.
   */
  async generateScheduled(weekStart: Date): Promise<ReportRecord[]> {
    const written: ReportRecord[] = [];
    for (const due of await this.schedules.due()) {
      for (const lang of due.languages) {
        if (await this.reports.scheduledSince(due.organizationId, weekStart, lang)) continue;
        const produced = await this.produce(due.organizationId, due.slug, null, lang, 'schedule', this.clock(), 'SCHEDULED', weekStart);
        if (produced) written.push(produced.report);
      }
    }
    return written;
  }

  async list(orgSlug: string): Promise<ReportRecord[]> {
    return this.reports.listForOrganization(await this.organizationId(orgSlug));
  }

  /** The stored PDF; callers check that the requester may see `report.organizationId`. */
  async download(id: string): Promise<GeneratedReport> {
    const found = await this.reports.findWithContent(id);
    if (!found) throw new ReportError(ReportErrorCode.NOT_FOUND, `No report with id "${id}"`);
    return found;
  }

  async schedule(orgSlug: string): Promise<ReportSchedule> {
    return this.schedules.get(await this.organizationId(orgSlug));
  }

  async setSchedule(orgSlug: string, schedule: { enabled: boolean; languages: readonly string[] }): Promise<ReportSchedule> {
    const organizationId = await this.organizationId(orgSlug);
    const languages = [...new Set(schedule.languages.map(parseLang))];
    if (languages.length === 0) throw new ReportError(ReportErrorCode.INVALID_INPUT, 'A schedule needs at least one language');
    await this.schedules.set(organizationId, { enabled: schedule.enabled, languages });
    return this.schedules.get(organizationId);
  }

  private async produce(
    organizationId: string,
    orgSlug: string,
    requestedAsOf: Date | null,
    lang: ReportLang,
    generatedBy: string,
    generatedAt: Date,
    trigger: ReportTrigger,
    /** A report of now waits for a stored posture of this instant or later (a scheduled week's). */
    notBefore: Date | null = null,
  ): Promise<GeneratedReport | null> {
    if (!this.source) throw new ReportError(ReportErrorCode.DATA_UNAVAILABLE, 'Reports are not available: no posture data source is registered in this process');
    const assembler = new BoardReportDataAssembler(this.source);
    // A report of "now" shows the live posture (what the overview shows, evaluated once while the data is
    // unchanged) and reads everything else as of the instant that posture describes, so its numbers agree.
    const live = requestedAsOf ? undefined : await assembler.readPosture(orgSlug, null);
    const asOf = requestedAsOf ?? toDate(live!.posture.asOf);
    if (notBefore && asOf.getTime() < notBefore.getTime()) return null;
    const assembled = await assembler.assemble(
      {
        orgSlug,
        asOf,
        lang,
        generatedBy,
        generatedAt,
        previousReportAsOf: await this.reports.previousAsOf(organizationId, asOf),
      },
      live,
    );
    // The appendix carries the audit trail's signed head, so every report distributed is a checkpoint kept outside the database.
    const data = { ...assembled, auditCheckpoint: this.audit ? await this.audit.checkpoint(orgSlug) : null };
    const content = await renderBoardReport(data);
    // A scheduled report is delivered (to the recipients of its language): recorded with it, in its transaction.
    const deliver =
      trigger === 'SCHEDULED' && this.outbox
        ? (manager: EntityManager, stored: ReportRecord) => this.outbox!.recordReportGenerated(manager, organizationId, stored)
        : undefined;
    const report = await this.reports.insert({
      organizationId,
      trigger,
      generatedBy,
      generatedAt,
      asOf,
      periodStart: new Date(data.period.from),
      periodEnd: asOf,
      lang,
      checksum: createHash('sha256').update(content).digest('hex'),
      sizeBytes: content.length,
      content,
    }, deliver);
    return report ? { report, content } : null;
  }

  private async organizationId(slug: string): Promise<string> {
    const organization = await this.organizations.findBySlug(slug);
    if (!organization) throw new ReportError(ReportErrorCode.NOT_FOUND, `No organization with slug "${slug}"`);
    return organization.id;
  }
}

function parseLang(value: string): ReportLang {
  if (!isReportLang(value)) throw new ReportError(ReportErrorCode.INVALID_INPUT, `Language "${value}" is not supported (en or ko)`);
  return value;
}
