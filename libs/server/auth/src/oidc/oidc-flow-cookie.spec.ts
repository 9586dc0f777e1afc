import { SecretBox } from '@postureboard/server-core';
import { type OidcFlow, openFlow, sealFlow } from './oidc-flow-cookie.js';

const box = new SecretBox(Buffer.alloc(32, 1));
const now = new Date('2025-06-01T09:00:00.000Z');
const flow: OidcFlow = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'v'.repeat(43), expiresAt: now.getTime() + 600_000 };

describe('the sealed OpenID Connect flow cookie', () => {
  it('opens to the flow it sealed, and hides the verifier', () => {
    const sealed = sealFlow(box, flow);
    expect(sealed).not.toContain(flow.codeVerifier);
    expect(openFlow(box, sealed, now)).toEqual(flow);
  });

  it('is refused once expired', () => {
    expect(openFlow(box, sealFlow(box, flow), new Date(flow.expiresAt))).toBeNull();
  });

  it('is refused when missing, altered or sealed under another key', () => {
    const sealed = sealFlow(box, flow);
    // Flip one bit of the sealed bytes (editing a base64 character can leave the bytes unchanged).
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 0x01;
    const altered = `v1.${raw.toString('base64url')}`;
    expect(altered).not.toBe(sealed);
    expect(openFlow(box, undefined, now)).toBeNull();
    expect(openFlow(box, altered, now)).toBeNull();
    expect(openFlow(new SecretBox(Buffer.alloc(32, 2)), sealed, now)).toBeNull();
  });

  it('does not open another sealed value (a different context) as a flow', () => {
    expect(openFlow(box, box.seal(JSON.stringify(flow), 'signing-key:kid'), now)).toBeNull();
  });
});
