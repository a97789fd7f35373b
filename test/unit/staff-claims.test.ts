import { describe, expect, it } from 'vitest';
import { localClaims, parseGrantOption } from '../../infra/local/grant-option.js';
import { createJwtVerifier } from '../../shared/adapters/jwt/token-verifier.js';
import { can } from '../../shared/domain/policy.js';
import type { Principal } from '../../shared/domain/roles.js';
import {
  parseGrantClaims,
  type StaffGrant,
  StaffInputSchema,
  staffClaims,
} from '../../shared/domain/staff.js';
import { createTestIssuer, testClientId, testIssuer } from '../fixtures/tokens.js';

const staffWith = (grants: StaffGrant[], admin = false) => ({ admin, grants });

describe('Function: staffClaims', () => {
  it('gives someone not in the directory no role, no body and no grant', () => {
    expect(staffClaims(undefined)).toEqual({ roles: [], bodies: [], grants: [] });
  });

  it('gives a staff member without grants nothing either', () => {
    expect(staffClaims(staffWith([]))).toEqual({ roles: [], bodies: [], grants: [] });
  });

  it('makes an admin an admin, without a body', () => {
    expect(staffClaims(staffWith([], true))).toEqual({ roles: ['admin'], bodies: [], grants: [] });
  });

  it.each([
    ['secretariat', { bodyId: 'imk', role: 'secretariat' }, 'secretariat:imk'],
    ['chair', { bodyId: 'imk', role: 'chair' }, 'chair:imk'],
    ['press', { bodyId: 'imk', role: 'press' }, 'press:imk'],
    [
      'member (the Land stays in the directory)',
      { bodyId: 'ak-ii', role: 'member', memberId: 'DE-BY' },
      'member:ak-ii',
    ],
  ] as const)('turns one %s grant into its role, its body and one grant', (_, grant, key) => {
    expect(staffClaims(staffWith([grant]))).toEqual({
      roles: [grant.role],
      bodies: [grant.bodyId],
      grants: [key],
    });
  });

  it('lists a role held for two bodies once, and both bodies, sorted', () => {
    const claims = staffClaims(
      staffWith([
        { bodyId: 'imk', role: 'secretariat' },
        { bodyId: 'ak-ii', role: 'secretariat' },
      ]),
    );
    expect(claims).toEqual({
      roles: ['secretariat'],
      bodies: ['ak-ii', 'imk'],
      grants: ['secretariat:ak-ii', 'secretariat:imk'],
    });
  });

  it('keeps each role to its body when someone holds different roles in different bodies', () => {
    const claims = staffClaims(
      staffWith(
        [
          { bodyId: 'imk', role: 'secretariat' },
          { bodyId: 'ak-ii', role: 'member', memberId: 'DE-HH' },
          { bodyId: 'ak-ii', role: 'press' },
        ],
        true,
      ),
    );
    expect(claims).toEqual({
      roles: ['admin', 'secretariat', 'member', 'press'],
      bodies: ['ak-ii', 'imk'],
      grants: ['member:ak-ii', 'press:ak-ii', 'secretariat:imk'],
    });
  });
});

describe('Schema: StaffInputSchema', () => {
  it('requires a member grant to name its member, and only a member grant', () => {
    const base = { email: 'x@example.org', name: 'X' };
    expect(
      StaffInputSchema.safeParse({ ...base, grants: [{ bodyId: 'imk', role: 'member' }] }).success,
    ).toBe(false);
    expect(
      StaffInputSchema.safeParse({
        ...base,
        grants: [{ bodyId: 'imk', role: 'press', memberId: 'DE-BY' }],
      }).success,
    ).toBe(false);
    expect(
      StaffInputSchema.safeParse({
        ...base,
        grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }],
      }).success,
    ).toBe(true);
  });

  it('refuses the same grant twice', () => {
    const grant = { bodyId: 'imk', role: 'chair' };
    expect(
      StaffInputSchema.safeParse({ email: 'x@example.org', name: 'X', grants: [grant, grant] })
        .success,
    ).toBe(false);
  });
});

describe('Function: can, with per-body grants', () => {
  const principal = (grants: Principal['grants']): Principal => ({
    subject: 's',
    email: 'x@example.org',
    roles: ['secretariat', 'member'],
    bodies: ['imk', 'ak-ii'],
    grants,
  });

  it('lets a secretariat of one body who is a member of another manage only the first', () => {
    const mixed = principal([
      { role: 'secretariat', bodyId: 'imk' },
      { role: 'member', bodyId: 'ak-ii' },
    ]);
    expect(can(mixed, 'sessions:manage', 'imk')).toBe(true);
    expect(can(mixed, 'sessions:manage', 'ak-ii')).toBe(false);
    expect(can(mixed, 'sessions:read', 'ak-ii')).toBe(true);
  });

  it('pairs every role with every body for a token without the grants claim', () => {
    expect(can(principal(undefined), 'sessions:manage', 'ak-ii')).toBe(true);
  });
});

describe('Function: parseGrantClaims', () => {
  it('reads role:body items and leaves out anything else', () => {
    expect(
      parseGrantClaims([
        'chair:imk',
        'admin:imk',
        'member',
        'press:IMK',
        'member:ak-ii:DE-BY',
        'member:ak-ii',
      ]),
    ).toEqual([
      { role: 'chair', bodyId: 'imk' },
      { role: 'member', bodyId: 'ak-ii' },
    ]);
  });
});

describe('Function: createJwtVerifier, with the trigger claims', async () => {
  const issuer = await createTestIssuer();
  const verifier = createJwtVerifier({
    issuer: testIssuer,
    clientIds: [testClientId],
    keys: issuer.keys,
  });

  it('reads the space-separated bodies and grants the trigger puts in the token', async () => {
    // Prepare
    const token = await issuer.sign({
      role: 'secretariat',
      extra: {
        'cognito:groups': ['secretariat', 'member'],
        bodies: 'ak-ii imk',
        grants: 'member:ak-ii secretariat:imk',
      },
    });

    // Act
    const principal = await verifier.verify(token);

    // Assess
    expect(principal).toMatchObject({
      roles: ['secretariat', 'member'],
      bodies: ['ak-ii', 'imk'],
      grants: [
        { role: 'member', bodyId: 'ak-ii' },
        { role: 'secretariat', bodyId: 'imk' },
      ],
    });
  });

  it('treats an empty grants claim as no grant at all, not as every body', async () => {
    const token = await issuer.sign({ extra: { bodies: 'imk', grants: '' } });
    const principal = await verifier.verify(token);
    expect(principal.grants).toEqual([]);
    expect(can(principal, 'sessions:manage', 'imk')).toBe(false);
  });
});

describe('Function: parseGrantOption and localClaims (npm run token)', () => {
  it.each([
    ['admin', { admin: true }],
    ['press', { role: 'press' }],
    ['secretariat:ak-iv', { grant: { role: 'secretariat', bodyId: 'ak-iv' } }],
    ['member:imk:DE-BY', { grant: { role: 'member', bodyId: 'imk', memberId: 'DE-BY' } }],
  ])('reads --grant %s', (text, expected) => {
    expect(parseGrantOption(text)).toEqual(expected);
  });

  it.each(['king', 'member:imk', 'chair:IMK', 'admin:imk', 'chair:imk:DE-BY:x'])(
    'refuses --grant %s with a message',
    (text) => {
      expect(parseGrantOption(text)).toMatch(/^--grant '/);
    },
  );

  it("adds the extra grants to the staff member's own", () => {
    const claims = localClaims(staffWith([{ bodyId: 'imk', role: 'secretariat' }]), [
      { grant: { role: 'secretariat', bodyId: 'ak-iv' } },
      { admin: true },
    ]);
    expect(claims).toEqual({
      roles: ['admin', 'secretariat'],
      bodies: ['ak-iv', 'imk'],
      grants: ['secretariat:ak-iv', 'secretariat:imk'],
    });
  });
});
