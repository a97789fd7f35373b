import type { MailConfig } from '../../config/mail-config.js';

/** Where the AWS Parameters and Secrets Lambda extension listens inside the function. */
export const secretsExtensionUrl = 'http://localhost:2773';

/**
 * Resolves the link-signing key once per process: given directly (locally)
 * or read through the AWS Parameters and Secrets Lambda extension (in AWS),
 * which caches it and keeps the Secrets Manager client out of every bundle.
 * A failed read is not cached: the next request tries again.
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
  let resolved: Promise<string> | undefined;
  const fetchSecret = async (arn: string) => {
    const response = await fetch(
      `${secretsExtensionUrl}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
      {
        headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' },
        signal: AbortSignal.timeout(3000),
      },
    );
    if (!response.ok)
      throw new Error(`The secrets extension answered ${response.status} for the link key.`);
    const { SecretString } = (await response.json()) as { SecretString?: string };
    if (SecretString === undefined || SecretString.length < 32) {
      throw new Error('The link key is missing or shorter than 32 characters.');
    }
    return SecretString;
  };
  return () => {
    if (resolved === undefined) {
      const secret = mail.linkSecret;
      resolved = 'value' in secret ? Promise.resolve(secret.value) : fetchSecret(secret.arn);
      resolved.catch(() => {
        resolved = undefined;
      });
    }
    return resolved;
  };
};
