import { describe, expect, it } from 'vitest';
import { LinkRefusedError, signLink, verifyLink } from '../../shared/domain/link-token.js';

const secret = 's'.repeat(40);
const now = new Date('2027-02-01T10:00:00Z');
const claims = {
  subject: 'session:invitation',
  purpose: 'invitation-answer' as const,
  expiresAt: Date.parse('2027-03-06T13:00:00Z') / 1000,
};

const reasonOf = (token: string, at = now) => {
  try {
    verifyLink(secret, token, 'invitation-answer', at);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(LinkRefusedError);
    return (error as LinkRefusedError).reason;
  }
};

describe('Module: link-token', () => {
  it('accepts its own link for its purpose until it expires', () => {
    expect(verifyLink(secret, signLink(secret, claims), 'invitation-answer', now)).toEqual(claims);
  });

  it('refuses a link whose payload or signature was changed', () => {
    const token = signLink(secret, claims);
    const [payload = '', signature = ''] = token.split('.');
    const other = Buffer.from(
      JSON.stringify(['session:other', 'invitation-answer', claims.expiresAt]),
    ).toString('base64url');
    expect(reasonOf(`${other}.${signature}`)).toBe('tampered');
    expect(
      reasonOf(`${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`),
    ).toBe('tampered');
    expect(reasonOf(signLink('another-secret-of-at-least-32-characters', claims))).toBe('tampered');
  });

  it('refuses an expired link', () => {
    expect(reasonOf(signLink(secret, claims), new Date('2027-03-06T13:00:01Z'))).toBe('expired');
  });

  it('refuses a link signed for another purpose', () => {
    const forged = signLink(secret, { ...claims, purpose: 'other-purpose' as never });
    expect(reasonOf(forged)).toBe('wrong-purpose');
  });

  it.each(['', 'abc', 'a.b.c', `${'x'.repeat(700)}.y`])(
    'refuses the malformed link %j',
    (token) => {
      expect(reasonOf(token)).toMatch(/malformed|tampered/);
    },
  );
});
