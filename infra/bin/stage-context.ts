import type { App } from 'aws-cdk-lib';

const stages = ['dev', 'prod'] as const;

/** Reads and checks `-c stage=…` and `-c senderDomain=…`; a clear error when wrong. */
export const readStageContext = (
  app: App,
): { stage: (typeof stages)[number]; senderDomain: string } => {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!(stages as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage '${stage}': use -c stage=dev or -c stage=prod.`);
  }
  const senderDomain = String(app.node.tryGetContext('senderDomain') ?? '');
  if (!/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(senderDomain)) {
    throw new Error(
      `senderDomain '${senderDomain}' is not a domain: pass -c senderDomain=mail.example.org.`,
    );
  }
  return { stage: stage as (typeof stages)[number], senderDomain };
};
