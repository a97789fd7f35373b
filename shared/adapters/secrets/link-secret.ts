import type { MailConfig } from '../../config/mail-config.js';

/** Where the AWS Parameters and Secrets Lambda extension listens inside the function. */
export const secretsExtensionUrl = 'http://localhost:2773';

/**
 * Reads a secret's string once per process through the AWS Parameters and
 * Secrets Lambda extension, which caches it and keeps the Secrets Manager
 * client out of every bundle. A failed read is not cached: the next call
 * tries again. `what` names the secret in error messages.
 *
 * @example
 * ```ts
 * const originSecret = extensionSecret(process.env.ORIGIN_VERIFY_SECRET_ARN, 'origin key');
 * ```
 */
export const extensionSecret = (
  arn: string,
  what: string,
  env: Record<string, string | undefined> = process.env,
): (() => Promise<string>) => {
  let resolved: Promise<string> | undefined;
  const fetchSecret = async () => {
    const response = await fetch(
      `${secretsExtensionUrl}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
      {
        headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' },
        signal: AbortSignal.timeout(3000),
      },
    );
    if (!response.ok)
      throw new Error(`The secrets extension answered ${response.status} for the ${what}.`);
    const { SecretString } = (await response.json()) as { SecretString?: string };
    if (SecretString === undefined || SecretString.length < 32) {
      throw new Error(`The ${what} is missing or shorter than 32 characters.`);
    }
    return SecretString;
  };
  return () => {
    if (resolved === undefined) {
      resolved = fetchSecret();
      resolved.catch(() => {
        resolved = undefined;
      });
    }
    return resolved;
  };
};

/**
 * Resolves the link-signing key: given directly (locally) or read through
 * the Parameters and Secrets extension (in AWS).
 *
 * @example
 * ```ts
 * const linkSecret = linkSecretResolver(mailConfig);
 * const key = await linkSecret();
 * ```
 */
export const linkSecretResolver = (
  mail: Pick<MailConfig, 'linkSecret'>,
  env: Record<string, string | undefined> = process.env,
): (() => Promise<string>) => {
  const secret = mail.linkSecret;
  if ('value' in secret) {
    const value = Promise.resolve(secret.value);
    return () => value;
  }
  return extensionSecret(secret.arn, 'link key', env);
};
