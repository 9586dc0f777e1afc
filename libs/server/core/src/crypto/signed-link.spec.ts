import fc from 'fast-check';
import { LinkSigner } from './signed-link.js';

const master = Buffer.alloc(32, 7);
const now = new Date('2026-03-02T00:00:00Z');

describe('LinkSigner', () => {
  const signer = new LinkSigner(master, 'report download');

  it('accepts its own link until the expiry and calls it expired after, whatever the subject and expiry', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 30 * 86_400 }), (subject, seconds) => {
        const { expires, signature } = signer.sign(subject, new Date(now.getTime() + seconds * 1000));
        expect(signer.check(subject, String(expires), signature, now)).toBe('valid');
        expect(signer.check(subject, String(expires), signature, new Date(expires * 1000))).toBe('expired');
      }),
    );
  });

  it('refuses an altered subject, expiry or signature as invalid, never as merely expired', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 1000 }), (subject, other, shift) => {
        const { expires, signature } = signer.sign(subject, new Date(now.getTime() - 3_600_000));
        if (other !== subject) expect(signer.check(other, String(expires), signature, now)).toBe('invalid');
        expect(signer.check(subject, String(expires + shift), signature, now)).toBe('invalid');
        const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
        expect(signer.check(subject, String(expires), flipped, now)).toBe('invalid');
      }),
    );
  });

  it('refuses malformed parameters and a link signed for another purpose or under another master key', () => {
    const { expires, signature } = signer.sign('r-1', new Date(now.getTime() + 60_000));
    for (const [e, s] of [[undefined, signature], [String(expires), undefined], ['1e9', signature], [String(expires), signature.toUpperCase()], [String(expires), signature.slice(2)]]) {
      expect(signer.check('r-1', e, s, now)).toBe('invalid');
    }
    expect(new LinkSigner(master, 'something else').check('r-1', String(expires), signature, now)).toBe('invalid');
    expect(new LinkSigner(Buffer.alloc(32, 8), 'report download').check('r-1', String(expires), signature, now)).toBe('invalid');
  });
});
