import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  GoneException,
  Inject,
  NotFoundException,
  Optional,
  Param,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Response } from 'express';
import { actorFromCaller, anonymousActor, AuditTrail, type Caller, CurrentCaller, Public, SignedIn, UserService } from '@postureboard/server-auth';
import { APP_CONFIG, type AppConfig, assertUnreachable, type LinkSigner } from '@postureboard/server-core';
import { reportLinkSigner, reportLinkSubject } from '@postureboard/server-notifications';
import type { ReportRecord } from '../storage/report-record.js';
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
  private signer: LinkSigner | undefined;

  constructor(
    private readonly reports: ReportsService,
    private readonly users: UserService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // An explicit token: a `| null` type would reach Nest's metadata as Object.
    @Optional() @Inject(AuditTrail) private readonly audit: AuditTrail | null,
  ) {}

  /** Read at first use, like the secret box: a process that serves no link needs no key. */
  private get links(): LinkSigner {
    this.signer ??= reportLinkSigner(this.config);
    return this.signer;
  }

  /**
   * `GET /api/reports/:id/download?expires=&signature=`: the signed, expiring link mailed for a board report too
   * large to attach. No session: the signature (HMAC under a key derived from POSTUREBOARD_SECRET_KEY, over the
   * report and the expiry) is the authorization. An altered link answers 403, an expired one 410; both are
   * audited, as is every download.
   */
  @Get(':id/download')
  @Public()
  async downloadSigned(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const check = this.links.check(reportLinkSubject(id), expires, signature, new Date());
    if (check !== 'valid') {
      const expiredAt = check === 'expired' ? new Date(Number(expires) * 1000).toISOString() : null;
      await this.audit?.append({
        actor: anonymousActor('signed report link'),
        action: 'report.link_refused',
        // The report's organisation is not looked up for a link that is not ours: nothing is revealed about it.
        target: id.slice(0, 64),
        outcome: 'FAILURE',
        details: { reason: check, ...(expiredAt ? { expiredAt } : {}) },
      });
      if (check === 'expired') throw new GoneException(`This download link expired at ${expiredAt}; ask for the report again or open it in Postureboard`);
      throw new ForbiddenException('This download link is not valid (it was altered or not issued by this server)');
    }
    const { report, content } = await this.reports.download(id).catch((e: unknown) => Promise.reject(toHttpError(e)));
    await this.audit?.append({
      actor: anonymousActor('signed report link'),
      action: 'report.exported',
      organizationId: report.organizationId,
      target: report.id,
      details: { asOf: report.asOf.toISOString(), lang: report.lang, checksum: report.checksum, via: 'signed link', linkExpiresAt: new Date(Number(expires) * 1000).toISOString() },
    });
    sendPdf(res, report, content, `postureboard-${report.asOf.toISOString().slice(0, 10)}-${report.lang}.pdf`);
  }

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
    sendPdf(res, report, content, `postureboard-${access.slug}-${report.asOf.toISOString().slice(0, 10)}-${report.lang}.pdf`);
  }
}

function sendPdf(res: Response, report: ReportRecord, content: Buffer, fileName: string): void {
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
