import { z } from 'zod';
import type { SecretBox } from '@postureboard/server-core';

/** What the browser carries between `/auth/oidc/login` and the callback, sealed so it can be neither read nor forged. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

export const OIDC_FLOW_COOKIE = 'pb_oidc_flow';
/** Only the callback needs it. */
export const OIDC_FLOW_COOKIE_PATH = '/auth/oidc';
/** Long enough to sign in at the provider (including a second factor), short enough to be useless later. */
export const OIDC_FLOW_TTL_SECONDS = 600;

/** Bound into the seal, so no other sealed value (a signing key, a connector secret) opens as a flow. */
const SEAL_CONTEXT = 'oidc-flow:v1';

const flowSchema = z.object({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(43), expiresAt: z.number() });

export function sealFlow(box: SecretBox, flow: OidcFlow): string {
  return box.seal(JSON.stringify(flow), SEAL_CONTEXT);
}

/** The flow the cookie names, or null when it is missing, tampered with, sealed under another key or expired. */
export function openFlow(box: SecretBox, sealed: string | undefined, now: Date): OidcFlow | null {
  if (!sealed) return null;
  try {
    const flow = flowSchema.parse(JSON.parse(box.openText(sealed, SEAL_CONTEXT)));
    return flow.expiresAt > now.getTime() ? flow : null;
  } catch {
    return null;
  }
}
