/**
 * The bare work of the mailer's first mail: one SES SendRawEmail of a
 * message of the same size, with the plain SES client, and nothing else.
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';

const client = new SESClient(
  process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {},
);

export const handler = async (event: { raw: string; to: string }) => {
  await client.send(
    new SendRawEmailCommand({
      RawMessage: { Data: new TextEncoder().encode(event.raw) },
      Destinations: [event.to],
    }),
  );
  return { statusCode: 200, body: '' };
};
