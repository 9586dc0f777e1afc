import { type AppConfig, LinkSigner } from '@postureboard/server-core';

/**
 * Signed, expiring download links for board reports too large to mail: `GET /api/reports/<id>/download?expires=<unix
 * seconds>&signature=<hex>` streams the PDF without a session until the expiry (ReportsController). The HMAC key
 * is derived from POSTUREBOARD_SECRET_KEY for this purpose only.
 */
export const REPORT_LINK_PURPOSE = 'board report download';

export const reportLinkSigner = (config: AppConfig): LinkSigner => LinkSigner.fromConfig(config, REPORT_LINK_PURPOSE);

export const reportDownloadPath = (reportId: string): string => `/api/reports/${encodeURIComponent(reportId)}/download`;

/** The subject the signature covers: the report, and what the link is for. */
export const reportLinkSubject = (reportId: string): string => `report:${reportId}`;

export function signedReportLink(signer: LinkSigner, publicUrl: string, reportId: string, expiresAt: Date): { url: string; expiresAt: Date } {
  const { expires, signature } = signer.sign(reportLinkSubject(reportId), expiresAt);
  return { url: `${publicUrl}${reportDownloadPath(reportId)}?expires=${expires}&signature=${signature}`, expiresAt: new Date(expires * 1000) };
}
