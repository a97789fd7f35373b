import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Makes the structured JSON logger of a function or of the local server.
 * Request bodies and Authorization headers are never logged.
 *
 * @example
 * ```ts
 * const logger = createLogger('conference-api');
 * logger.info('request', { status: 200 });
 * ```
 */
export const createLogger = (
  serviceName: string,
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO',
) => new Logger({ serviceName, logLevel });
