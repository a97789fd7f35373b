import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../shared/adapters/jwt/token-verifier.js';
import { UnauthorizedError } from '../../shared/domain/errors.js';
import { createTestIssuer, tamper, testClientId, testIssuer } from '../fixtures/tokens.js';

describe('Function: createJwtVerifier', async () => {
  const issuer = await createTestIssuer();
  const verifier = createJwtVerifier({
    issuer: testIssuer,
    clientIds: [testClientId],
    keys: issuer.keys,
  });

  it('turns a valid access token into a principal with roles, bodies and email', async () => {
    // Prepare
    const token = await issuer.sign({
      role: 'chair',
      bodies: ['imk', 'ak-ii'],
      email: 'Chair@HH.example.org',
    });

    // Act
    const principal = await verifier.verify(token);

    // Assess
    expect(principal).toEqual({
      subject: 'user-1',
      email: 'chair@hh.example.org',
      roles: ['chair'],
      bodies: ['imk', 'ak-ii'],
    });
  });

  it('ignores groups that are not roles of the product', async () => {
    const principal = await verifier.verify(await issuer.sign({ role: 'us-east-1_pool_Google' }));
    expect(principal.roles).toEqual([]);
  });

  it.each([
    ['an expired token', { expiresIn: -120 }, 'The token has expired.'],
    ['an ID token', { tokenUse: 'id' as const }, 'An access token is required, not an ID token.'],
    [
      'a token of another app client',
      { clientId: 'other' },
      'The token was issued to an unknown client.',
    ],
    ['a token of another issuer', { issuer: 'https://evil.test' }, 'The token is not valid.'],
  ])('rejects %s', async (_name, options, message) => {
    const token = await issuer.sign(options);
    await expect(verifier.verify(token)).rejects.toMatchObject({
      name: UnauthorizedError.name,
      message,
    });
  });

  it('rejects a token whose signature was changed', async () => {
    const token = tamper(await issuer.sign());
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a token signed by another key', async () => {
    const stranger = await createTestIssuer();
    await expect(verifier.verify(await stranger.sign())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects an unsigned token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        iss: testIssuer,
        token_use: 'access',
        client_id: testClientId,
        exp: 9e9,
        iat: 1,
      }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${payload}.`)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });
});

describe('Function: createJwtVerifier, remembering verified tokens', async () => {
  const issuer = await createTestIssuer();
  const counted = () => {
    let lookups = 0;
    let time = Date.now();
    const verifier = createJwtVerifier({
      issuer: testIssuer,
      clientIds: [testClientId],
      keys: (header, token) => {
        lookups += 1;
        return issuer.keys(header, token);
      },
      now: () => time,
    });
    return {
      verifier,
      lookups: () => lookups,
      advance: (ms: number) => {
        time += ms;
      },
    };
  };

  it('checks the signature of a token once, and answers the same principal after', async () => {
    const { verifier, lookups } = counted();
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(lookups()).toBe(1);
  });

  it('checks a remembered token afresh after ten minutes, and refuses it once it has expired', async () => {
    const { verifier, lookups, advance } = counted();
    const token = await issuer.sign({ role: 'secretariat', expiresIn: 900 });
    await verifier.verify(token);
    advance(11 * 60_000);
    await verifier.verify(token);
    expect(lookups()).toBe(2);
    // Past its expiry (15 minutes): the remembered answer ends with the token.
    advance(5 * 60_000);
    await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
  });

  it('remembers no refusal: a tampered token is refused every time', async () => {
    const { verifier, lookups } = counted();
    const token = tamper(await issuer.sign());
    await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
    await expect(verifier.verify(token)).rejects.toThrow(UnauthorizedError);
    expect(lookups()).toBe(2);
  });
});
