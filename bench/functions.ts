/** The functions the benchmark measures: entry, and the typical request it answers. */
export interface BenchFunction {
  name: string;
  entry: string;
  /** Builds the Lambda event of one typical request. */
  event: (token: string) => unknown;
}

const httpEvent = (method: string, path: string, token?: string) => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: {
    host: 'api.example.org',
    'x-forwarded-proto': 'https',
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
  },
  requestContext: {
    accountId: '000000000000',
    apiId: 'bench',
    domainName: 'api.example.org',
    domainPrefix: 'api',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: `${method} ${path}`,
    stage: '$default',
    time: '23/Nov/2026:08:00:00 +0000',
    timeEpoch: 1795420800000,
  },
  isBase64Encoded: false,
});

export const benchFunctions: BenchFunction[] = [
  {
    name: 'api',
    entry: 'functions/http/lambda.ts',
    event: (token) => httpEvent('GET', '/v1/bodies/imk', token),
  },
];
