import type { App } from 'aws-cdk-lib';

const stages = ['dev', 'prod'] as const;

export interface StageContext {
  stage: (typeof stages)[number];
  senderDomain: string;
  secretariatEmail: string;
  publicBaseUrl: string;
  /** Who receives the alarms by e-mail, if anyone. */
  alarmEmail?: string | undefined;
}

/**
 * Reads and checks `-c stage=…`, `-c senderDomain=…`, and optionally
 * `-c secretariatEmail=…` (default `geschaeftsstelle@<senderDomain>`) and
 * `-c publicBaseUrl=…` (default `https://api.<senderDomain>`); a clear error when wrong.
 */
export const readStageContext = (app: App): StageContext => {
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
  const secretariatEmail = String(
    app.node.tryGetContext('secretariatEmail') ?? `geschaeftsstelle@${senderDomain}`,
  );
  if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(secretariatEmail)) {
    throw new Error(`secretariatEmail '${secretariatEmail}' is not an address.`);
  }
  const publicBaseUrl = String(
    app.node.tryGetContext('publicBaseUrl') ?? `https://api.${senderDomain}`,
  );
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[\w./-]*)?$/i.test(publicBaseUrl)) {
    throw new Error(`publicBaseUrl '${publicBaseUrl}' is not an https URL.`);
  }
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(alarmEmail)) {
    throw new Error(`alarmEmail '${alarmEmail}' is not an address.`);
  }
  return {
    stage: stage as (typeof stages)[number],
    senderDomain,
    secretariatEmail,
    publicBaseUrl,
    alarmEmail,
  };
};
