import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localBuckets } from '../../infra/local/local-s3.js';
import { freePort } from '../../infra/local/services.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { demoStaff } from '../../shared/use-cases/demo-seed.js';
import { type Started, startStack, waitForOutput } from '../fixtures/local-stack.js';

const run = promisify(execFile);

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1' }, () => server.close(() => resolve(true)));
  });

describe('Command: npm start', () => {
  const localDir = mkdtempSync(join(tmpdir(), 'conference-local-'));
  let ports: { api: number; dynamodb: number; ses: number; s3: number };
  let env: Record<string, string>;
  let stack: Started;
  let startedInMs: number;

  beforeAll(async () => {
    ports = {
      api: await freePort(),
      dynamodb: await freePort(),
      ses: await freePort(),
      s3: await freePort(),
    };
    env = {
      LOCAL_DIR: localDir,
      PORT: String(ports.api),
      DYNAMODB_PORT: String(ports.dynamodb),
      SES_PORT: String(ports.ses),
      S3_PORT: String(ports.s3),
    };
    const begin = Date.now();
    stack = startStack(env, ['--fresh']);
    await waitForOutput(stack, /^ready$/m, 90_000);
    startedInMs = Date.now() - begin;
  });

  afterAll(async () => {
    if (stack.child.exitCode === null) {
      stack.child.kill('SIGINT');
      await stack.exited;
    }
  });

  it('prints where to look and `ready` within 60 s', () => {
    expect(startedInMs).toBeLessThan(60_000);
    expect(stack.output()).toContain(`http://localhost:${ports.api}/docs`);
    expect(stack.output()).toContain(`http://localhost:${ports.ses}`);
    expect(stack.output()).toContain('seeded: IMK, AK II');
    expect(stack.output()).toContain(
      `Local S3       http://127.0.0.1:${ports.s3}  buckets conference-papers-local (created), conference-inbound-local (created)`,
    );
  });

  it('creates the papers and inbound buckets in the local S3', async () => {
    const s3 = createS3Client({ region: 'eu-central-1', endpoint: `http://127.0.0.1:${ports.s3}` });
    for (const bucket of Object.values(localBuckets)) {
      const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      expect(head.$metadata.httpStatusCode, bucket).toBe(200);
    }
  });

  it('serves health, a valid OpenAPI 3.1 document and the mail inbox', async () => {
    expect((await fetch(`http://127.0.0.1:${ports.api}/health`)).status).toBe(200);
    const document = (await (await fetch(`http://127.0.0.1:${ports.api}/openapi.json`)).json()) as {
      openapi: string;
    };
    expect(document.openapi).toBe('3.1.0');
    expect((await fetch(`http://127.0.0.1:${ports.ses}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.ses}/store`)).status).toBe(200);
  });

  it('lists the IMK with 17 members for a token from `npm run token`, and 401 without one', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'infra/local/token.ts',
        '--role',
        'secretariat',
        '--email',
        'gs@imk.example.org',
        '--body',
        'imk',
      ],
      { env: { ...process.env, ...env } },
    );
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const headers = { authorization: `Bearer ${token}` };
    const list = (await (
      await fetch(`http://127.0.0.1:${ports.api}/v1/bodies`, { headers })
    ).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((body) => body.id)).toContain('imk');
    const imk = (await (
      await fetch(`http://127.0.0.1:${ports.api}/v1/bodies/imk`, { headers })
    ).json()) as {
      members: unknown[];
    };
    expect(imk.members).toHaveLength(17);
    const anonymous = await fetch(`http://127.0.0.1:${ports.api}/v1/bodies`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
  });

  it('lists the seeded staff, refuses a token for an address that is not staff, and signs one after admin:create', async () => {
    // Prepare
    const command = (script: string, args: string[]) =>
      run(process.execPath, ['--import', 'tsx', `infra/local/${script}.ts`, ...args], {
        env: { ...process.env, ...env },
      });
    const headers = (token: string) => ({ authorization: `Bearer ${token.trim()}` });

    // Assess: the listing names each demo staff member with their grants.
    expect(stack.output()).toMatch(
      /Staff +gs@imk\.example\.org +secretariat:imk, secretariat:ak-ii/,
    );
    expect(stack.output()).toMatch(/referat@de-by\.example\.org +member:imk:DE-BY/);
    expect(stack.output()).toMatch(/presse@de-hh\.example\.org +press:imk/);

    // Act and assess: not staff.
    await expect(command('token', ['--email', 'boss@imk.example.org'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('boss@imk.example.org is not in the staff directory'),
    });

    // A member's token reads the IMK but may not manage staff; after admin:create, the admin may.
    const member = (await command('token', ['--email', 'referat@de-by.example.org'])).stdout;
    expect(
      (await fetch(`http://127.0.0.1:${ports.api}/v1/bodies/imk`, { headers: headers(member) }))
        .status,
    ).toBe(200);
    expect(
      (await fetch(`http://127.0.0.1:${ports.api}/v1/staff`, { headers: headers(member) })).status,
    ).toBe(403);
    const created = await command('admin-create', ['--local', '--email', 'boss@imk.example.org']);
    expect(created.stdout).toContain('boss@imk.example.org is now staff and an admin');
    const admin = (await command('token', ['--email', 'boss@imk.example.org'])).stdout;
    const staff = await fetch(`http://127.0.0.1:${ports.api}/v1/staff?limit=100`, {
      headers: headers(admin),
    });
    expect(staff.status).toBe(200);
    const listed = ((await staff.json()) as { items: { email: string }[] }).items;
    expect(listed.map((item) => item.email)).toContain('boss@imk.example.org');
    // The demo's staff (the IMK's and the IMAS's) and the new admin.
    expect(listed).toHaveLength(demoStaff.length + 1);
  });

  it('rejects a bad token command line with a clear message', async () => {
    await expect(
      run(
        process.execPath,
        ['--import', 'tsx', 'infra/local/token.ts', '--role', 'king', '--email', 'x@example.org'],
        {
          env: { ...process.env, ...env },
        },
      ),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--role must be one of') });
  });

  it('explains a port in use in one line', async () => {
    const second = startStack({
      ...env,
      LOCAL_DIR: mkdtempSync(join(tmpdir(), 'conference-local-')),
    });
    expect(await second.exited).toBe(1);
    expect(second.output().trim()).toBe(
      `Port ${ports.dynamodb} for DynamoDB Local is in use: stop what runs there, or set DYNAMODB_PORT to another port.`,
    );
  });

  it('explains missing Java in one line', async () => {
    const noJava = startStack({ ...env, PATH: '/nonexistent' });
    expect(await noJava.exited).toBe(1);
    expect(noJava.output().trim()).toMatch(
      /^Java was not found: DynamoDB Local needs Java 17 or newer/,
    );
  });

  it('stops every child on Ctrl-C', async () => {
    stack.child.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  });
});
