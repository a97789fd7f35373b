// Runs in a fresh Node process: loads one bundle, answers one request, and
// reports how long each took. Plain JavaScript so nothing else is loaded.
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
process.stdout.write(
  `\n__bench__${JSON.stringify({
    loadMs: loaded - started,
    totalMs: answered - started,
    // HTTP functions answer a status; queue consumers their failed records; jobs a summary.
    statusCode: result?.statusCode ?? ((result?.batchItemFailures?.length ?? 0) === 0 ? 200 : 500),
  })}\n`,
);
process.exit(0);
