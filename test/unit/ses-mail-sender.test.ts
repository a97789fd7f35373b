import { Readable } from 'node:stream';
import { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { OutgoingMail } from '../../shared/mail/invitation-mail.js';

const sesNamespace = 'http://ses.amazonaws.com/doc/2010-12-01/';

/** SES's answers over HTTP, as its query protocol writes them. */
const answers = {
  throttled: {
    statusCode: 400,
    body: `<ErrorResponse xmlns="${sesNamespace}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>r-throttled</RequestId></ErrorResponse>`,
  },
  rejected: {
    statusCode: 400,
    body: `<ErrorResponse xmlns="${sesNamespace}"><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>Email address is not verified.</Message></Error><RequestId>r-rejected</RequestId></ErrorResponse>`,
  },
  sent: {
    statusCode: 200,
    body: `<SendRawEmailResponse xmlns="${sesNamespace}"><SendRawEmailResult><MessageId>ses-0001</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>r-sent</RequestId></ResponseMetadata></SendRawEmailResponse>`,
  },
};

/**
 * An SES client whose HTTP handler answers each request with the next of
 * `script`, so that the SDK's own retry strategy runs as it does in AWS.
 */
const scriptedClient = (script: (keyof typeof answers)[]) => {
  const requests: string[] = [];
  const client = new SESClient({
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Standard mode keeps the test short; adaptive (the product's) also waits for its rate limiter.
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        requests.push(String(request.body));
        const answer = answers[script[requests.length - 1] ?? 'sent'];
        return {
          response: {
            statusCode: answer.statusCode,
            headers: { 'content-type': 'text/xml' },
            body: Readable.from([Buffer.from(answer.body)]),
          },
        };
      },
    },
  });
  return { client, requests };
};

const mail: OutgoingMail = {
  from: { name: 'Geschäftsstelle der IMK', address: 'einladung@imk.example.org' },
  to: { name: 'Ministerin A', address: 'ministerin@by.example.org' },
  replyTo: 'antwort@imk.example.org',
  subject: 'Einladung',
  text: 'Guten Tag',
  html: '<p>Guten Tag</p>',
  messageId: '<m1@imk.example.org>',
  headers: {},
};

describe('Class: SesMailSender', () => {
  it('retries a throttled send with backoff and counts every throttled attempt', async () => {
    // Prepare
    const { client, requests } = scriptedClient(['throttled', 'throttled', 'sent']);
    let throttled = 0;
    const sender = new SesMailSender(
      { region: 'eu-central-1', onThrottled: () => throttled++ },
      client,
    );

    // Act
    const messageId = await sender.send(mail);

    // Assess
    expect(messageId).toBe('ses-0001');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toContain('Action=SendRawEmail');
    expect(throttled).toBe(2);
  }, 15_000);

  it('gives up after the last attempt, still throttled, and has counted each one', async () => {
    const { client, requests } = scriptedClient(['throttled', 'throttled', 'throttled']);
    let throttled = 0;
    const sender = new SesMailSender(
      { region: 'eu-central-1', onThrottled: () => throttled++ },
      client,
    );

    await expect(sender.send(mail)).rejects.toMatchObject({ name: 'Throttling' });

    expect(requests).toHaveLength(3);
    expect(throttled).toBe(3);
  }, 15_000);

  it('does not retry a rejected mail nor count it as throttled', async () => {
    const { client, requests } = scriptedClient(['rejected']);
    let throttled = 0;
    const sender = new SesMailSender(
      { region: 'eu-central-1', onThrottled: () => throttled++ },
      client,
    );

    await expect(sender.send(mail)).rejects.toMatchObject({ name: 'MailRejectedError' });

    expect(requests).toHaveLength(1);
    expect(throttled).toBe(0);
  });
});
