// Runs one invocation the way the Node.js Lambda runtime does: in a fresh
// process whose environment is the function's, it imports the handler file
// from the asset folder (LAMBDA_TASK_ROOT, _HANDLER), hands it the event from
// stdin and a context (its remaining time from the timeout in argv), and writes the outcome as JSON to file descriptor 3,
// so the function's own logs on stdout and stderr stay apart.
// Plain JavaScript: nothing but the bundle is loaded.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const report = (outcome) => {
  writeSync(3, JSON.stringify(outcome));
  process.exit(0);
};

try {
  const root = process.env.LAMBDA_TASK_ROOT ?? '';
  const handlerName = process.env._HANDLER ?? '';
  const dot = handlerName.lastIndexOf('.');
  const base = join(root, handlerName.slice(0, dot));
  const file = ['.mjs', '.js', '.cjs'].map((ext) => `${base}${ext}`).find((f) => existsSync(f));
  if (file === undefined) throw new Error(`No handler file for ${handlerName} in ${root}.`);
  const module = await import(pathToFileURL(file).href);
  const handler = module[handlerName.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error(`${handlerName} is not a function.`);
  const timeoutMs = Number(process.argv[2] ?? 3000);
  const deadline = Date.now() + timeoutMs;
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
  const context = {
    awsRequestId: `rehearsal-${Date.now().toString(36)}`,
    functionName: name,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${name}`,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? 'rehearsal',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  const event = JSON.parse(readFileSync(0, 'utf8'));
  const result = await handler(event, context);
  report({ result: result ?? null });
} catch (error) {
  report({
    error: {
      name: error?.name ?? 'Error',
      message: error?.message ?? String(error),
      stack: error?.stack,
    },
  });
}
