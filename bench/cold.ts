/**
 * Cold starts: each request a person makes on a cold function, measured as
 * a fresh Node process that loads the deployed bundle and answers it,
 * against a fresh process that makes only the bare SDK calls of that same
 * request. The bare calls are not written by hand: the bench records the
 * DynamoDB requests the function really sent (through a proxy in front of
 * DynamoDB Local) and replays them with the plain client.
 */
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { eagerBytes } from '../infra/constructs/bundling.js';
import type { RecordedCall } from './bare-dynamodb-handler.js';

const run = promisify(execFile);

export interface ColdResult {
  loadMs: number;
  totalMs: number;
  rssKb: number;
  statusCode: number;
  bodyBytes: number;
  pdfPages: number;
}

/**
 * The Node binary the cold starts run on: `BENCH_NODE` (e.g. a Node 24 like
 * Lambda's), else the one running the bench.
 */
export const coldNode = process.env.BENCH_NODE ?? process.execPath;

/** Loads a bundle in a fresh Node process and lets it answer one event. */
export const coldRun = async (
  outfile: string,
  event: unknown,
  env: NodeJS.ProcessEnv,
  options: { profileDir?: string | undefined } = {},
): Promise<ColdResult> => {
  const profile =
    options.profileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, '--cpu-prof-interval=100'];
  const { stdout, stderr } = await run(
    coldNode,
    [...profile, 'bench/cold-start-runner.mjs', outfile, JSON.stringify(event)],
    { env, maxBuffer: 64 * 1024 * 1024 },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('__bench__'));
  if (line === undefined)
    throw new Error(`The runner printed no result for ${outfile}:\n${stdout}`);
  const result = JSON.parse(line.slice('__bench__'.length)) as ColdResult;
  if (result.statusCode >= 400) {
    throw new Error(
      `${outfile} answered ${result.statusCode}, not 2xx or 3xx:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
    );
  }
  return result;
};

interface Observed extends RecordedCall {
  started: number;
  ended: number;
}

/**
 * A proxy in front of DynamoDB Local that notes every request passing
 * through: its operation (from `X-Amz-Target`), its JSON body, and when it
 * started and ended, so that requests in flight together can be told apart
 * from those made one after the other.
 */
export const startRecordingProxy = async (target: string) => {
  const upstream = new URL(target);
  let observed: Observed[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const started = performance.now();
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(outgoing);
          answer.on('end', () => {
            observed.push({
              operation,
              input: JSON.parse(body.toString('utf8')) as Record<string, unknown>,
              started,
              ended: performance.now(),
            });
          });
        },
      );
      forward.on('error', (error) => outgoing.destroy(error));
      forward.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The requests noted since the last call, grouped into steps of concurrent requests. */
    take: (): RecordedCall[][] => {
      const calls = [...observed].sort((a, b) => a.started - b.started);
      observed = [];
      const steps: Observed[][] = [];
      let stepEnd = Number.NEGATIVE_INFINITY;
      for (const call of calls) {
        const current = steps.at(-1);
        if (current !== undefined && call.started < stepEnd) {
          current.push(call);
          stepEnd = Math.max(stepEnd, call.ended);
        } else {
          steps.push([call]);
          stepEnd = call.ended;
        }
      }
      return steps.map((step) => step.map(({ operation, input }) => ({ operation, input })));
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * What a cold start reads, by package (or the product's own folder), from
 * esbuild's metafile: the largest parts of the entry and its static chunks.
 */
export const coldStartParts = (metafile: Metafile, top = 10) => {
  const parts = new Map<string, number>();
  for (const file of eagerBytes(metafile).files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        input.split('/').slice(0, 2).join('/');
      parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([part, bytes]) => ({ part, kb: Math.round(bytes / 1024) }));
};
