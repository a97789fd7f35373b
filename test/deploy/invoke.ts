import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { DeployedFunction } from './template.js';

const runner = fileURLToPath(new URL('./lambda-runner.mjs', import.meta.url));

/** What one invocation returned, with the function's own output (its logs). */
export interface Invocation<T> {
  result: T;
  logs: string;
  durationMs: number;
}

/** The handler threw: the Lambda runtime would report this as a function error. */
export class FunctionError extends Error {
  constructor(
    message: string,
    readonly logs: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

const collect = (stream: Readable | null): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    if (stream === null) return resolve('');
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/**
 * Invokes a bundled function in a fresh Node process with exactly the given
 * environment (so its module-level code runs as in a new execution
 * environment), a heap sized from its memory setting, and its timeout: a
 * handler still running then is killed and fails the invocation.
 *
 * @example
 * ```ts
 * const { result } = await invokeBundle(fn, env, scheduledEvent());
 * ```
 */
export const invokeBundle = async <T>(
  fn: DeployedFunction,
  env: Record<string, string>,
  event: unknown,
): Promise<Invocation<T>> => {
  const started = Date.now();
  const timeoutMs = fn.timeoutSeconds * 1000;
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${Math.floor(fn.memorySize * 0.9)}`, runner, String(timeoutMs)],
    { env, cwd: fn.assetDir, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [stdout, stderr, outcome, exit] = await Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    collect(child.stdio[3] as Readable),
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.stdin?.end(JSON.stringify(event));
    }),
  ]);
  clearTimeout(timer);
  const logs = `${stdout}${stderr}`;
  if (outcome === '') {
    throw new FunctionError(
      `${fn.path} gave no result (exit ${exit}${Date.now() - started >= timeoutMs ? `, killed after its timeout of ${fn.timeoutSeconds} s` : ''}):\n${logs}`,
      logs,
    );
  }
  const parsed = JSON.parse(outcome) as { result?: T; error?: { name: string; message: string } };
  if (parsed.error !== undefined) {
    throw new FunctionError(
      `${fn.path} failed: ${parsed.error.name}: ${parsed.error.message}\n${logs}`,
      logs,
    );
  }
  return { result: parsed.result as T, logs, durationMs: Date.now() - started };
};
