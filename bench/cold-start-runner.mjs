// Runs in a fresh Node process: loads one bundle, answers one request, and
// reports how long each took and the process's peak memory (resident set).
// Plain JavaScript so nothing else is loaded.
import { pathToFileURL } from 'node:url';

const [bundle, eventJson] = process.argv.slice(2);
const started = performance.now();
const module = await import(pathToFileURL(bundle).href);
const loaded = performance.now();
const context = {
  awsRequestId: 'bench-request',
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:bench',
  memoryLimitInMB: '1024',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
};
const result = await module.handler(JSON.parse(eventJson), context);
const answered = performance.now();
const body =
  typeof result?.body === 'string'
    ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
process.stdout.write(
  `\n__bench__${JSON.stringify({
    loadMs: loaded - started,
    totalMs: answered - started,
    // Peak resident set of the whole process, in KB.
    rssKb: process.resourceUsage().maxRSS,
    // HTTP functions answer a status; queue consumers their failed records; jobs a summary.
    statusCode: result?.statusCode ?? ((result?.batchItemFailures?.length ?? 0) === 0 ? 200 : 500),
    bodyBytes: body.length,
    // Pages of a PDF answer, so that a bare document can be made as long.
    pdfPages: (body.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length,
  })}\n`,
);
process.exit(0);
