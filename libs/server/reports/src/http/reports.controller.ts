import { BadRequestException, Controller, Get, Inject, NotFoundException, Optional, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { actorFromCaller, AuditTrail, type Caller, CurrentCaller, SignedIn, UserService } from '@postureboard/server-auth';
import { assertUnreachable } from '@postureboard/server-core';
import { REPORT_ROLES } from '../report-access.js';
import { ReportError, ReportErrorCode } from '../reports.error.js';
import { ReportsService } from '../reports.service.js';

/**
 * `GET /api/reports/:id.pdf`. The URL names a report, not an organisation, so the global guard only
 * requires a signed-in caller; this handler then allows the download only to a caller who holds a
 * report role in the report's organisation, and answers 404 otherwise (existence is not revealed).
 */
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly users: UserService,
    // An explicit token: a `| null` type would reach Nest's metadata as Object.
    @Optional() @Inject(AuditTrail) private readonly audit: AuditTrail | null,
  ) {}

  @Get(':id.pdf')
  @SignedIn()
  async download(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res() res: Response): Promise<void> {
    const { report, content } = await this.reports.download(id).catch((e: unknown) => Promise.reject(toHttpError(e)));
    const visible = await this.users.visibleOrganizations(caller);
    const access = visible.find((o) => o.id === report.organizationId);
    if (!access || !(REPORT_ROLES as readonly string[]).includes(access.role)) throw new NotFoundException(`No report with id "${id}"`);
    await this.audit?.append({
      actor: actorFromCaller(caller),
      action: 'report.exported',
      organizationId: report.organizationId,
      target: report.id,
      details: { asOf: report.asOf.toISOString(), lang: report.lang, checksum: report.checksum },
    });
    const fileName = `postureboard-${access.slug}-${report.asOf.toISOString().slice(0, 10)}-${report.lang}.pdf`;
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        // The checksum stored with the report, so a recipient can verify what they were given.
        'X-Report-Sha256': report.checksum,
      })
      .end(content);
  }
}

function toHttpError(error: unknown): unknown {
  if (!(error instanceof ReportError)) return error;
  switch (error.code) {
    case ReportErrorCode.NOT_FOUND:
      return new NotFoundException(error.message);
    case ReportErrorCode.INVALID_INPUT:
      return new BadRequestException(error.message);
    case ReportErrorCode.DATA_UNAVAILABLE:
      return new ServiceUnavailableException(error.message);
    default:
      return assertUnreachable(error.code);
  }
}
