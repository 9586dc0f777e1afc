import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AuthError } from '../auth.error.js';
import { requestAuth } from '../authentication/request-auth.js';
import { DEFAULT_ORG_ARGUMENT, ORG_ARG_METADATA, SKIP_AUDIT_METADATA } from '../authorization/access.decorators.js';
import { executionTarget } from '../authorization/execution-target.js';
import { actorFromCaller, anonymousActor } from './audit-actor.js';
import { AuditTrail, type AuditDetailValue } from './audit-trail.service.js';

/** Argument names worth naming in the trail; anything else (free text, secrets, payloads) is left out. */
const IDENTIFYING = /^(id|ids|.*Ids?|slug|name|email|kind|type|status|role|org)$/;

/** Names what a change was aimed at from its arguments (one level into input objects), without values that could be secret. */
export function describeArguments(args: Record<string, unknown>): Record<string, AuditDetailValue> {
  const described: Record<string, AuditDetailValue> = {};
  const visit = (prefix: string, value: Record<string, unknown>, depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (v && typeof v === 'object' && !Array.isArray(v) && depth === 0) visit(name, v as Record<string, unknown>, 1);
      else if (IDENTIFYING.test(key) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) described[name] = v;
      else if (IDENTIFYING.test(key) && Array.isArray(v) && v.every((x) => typeof x === 'string')) described[name] = v as string[];
    }
  };
  visit('', args, 0);
  return described;
}

/**
 * Appends every GraphQL mutation and every state-changing HTTP request to the audit trail, after it ran,
 * with its outcome. Reads are not audited here; exports record themselves (`report.exported`).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const target = executionTarget(context);
    const skip = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_AUDIT_METADATA, [context.getHandler(), context.getClass()]);
    if (!target || target.operation !== 'write' || skip) return next.handle();
    const orgArgument = this.reflector.getAllAndOverride<string | undefined>(ORG_ARG_METADATA, [context.getHandler(), context.getClass()]) ?? DEFAULT_ORG_ARGUMENT;
    const record = async (outcome: 'SUCCESS' | 'FAILURE', error?: unknown) => {
      const auth = requestAuth(target.req);
      const slug = target.args[orgArgument];
      try {
        await this.audit.append({
          actor: auth.resolvedCaller ? actorFromCaller(auth.resolvedCaller) : anonymousActor(target.req.ip ?? 'unknown'),
          action: target.name,
          organizationId: typeof slug === 'string' ? (auth.access.get(slug)?.organizationId ?? null) : null,
          target: typeof slug === 'string' ? slug : null,
          outcome,
          details: { ...describeArguments(target.args), ...(error ? { error: error instanceof AuthError ? error.code : (error as Error).name } : {}) },
        });
      } catch (auditError) {
        // The change already happened; failing the response now would only invite a retry of it.
        this.logger.error(`Could not audit ${target.name}: ${(auditError as Error).message}`);
      }
    };
    return next.handle().pipe(
      mergeMap((value) => from(record('SUCCESS').then(() => value))),
      catchError((error: unknown) => from(record('FAILURE', error).then(() => Promise.reject(error)))),
    );
  }
}
