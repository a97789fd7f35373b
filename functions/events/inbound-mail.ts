import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, SESEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { sesVerdicts } from '../../shared/adapters/mail/ses-receipt.js';
import { linkSecretResolver } from '../../shared/adapters/secrets/link-secret.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';

const table = loadTableConfig(process.env);
const mail = loadMailConfig(process.env);
const bucket = process.env.INBOUND_BUCKET ?? '';
const prefix = process.env.INBOUND_PREFIX ?? 'inbound/';
const logger = createLogger('conference-inbound-mail', table.logLevel);
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: table.region, endpoint: table.dynamodbEndpoint }),
  table.tableName,
);
const s3 = new S3Client({ region: table.region });
const linkSecret = linkSecretResolver(mail);

/**
 * Inbound mail in AWS: the SES receipt rule stores the raw message in S3 and
 * invokes this function with SES's verdicts. The message is read from S3 and
 * handed, with the verdicts (DKIM, DMARC, SPF, spam, virus) and envelope
 * recipients, to the same code that `npm run inbound` runs locally.
 */
export const handler = async (event: SESEvent, context: Context) => {
  logger.addContext(context);
  for (const record of event.Records) {
    const { mail: received, receipt } = record.ses;
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${received.messageId}` }),
    );
    const raw = await object.Body?.transformToByteArray();
    if (raw === undefined) throw new Error(`The stored message ${received.messageId} is empty.`);
    const parsed = await parseInboundMail(raw, {
      recipients: receipt.recipients,
      verdicts: sesVerdicts(receipt),
      delivery: 'ses',
    });
    const outcome = await processInboundMail(
      { repo, clock: systemClock, linkSecret: await linkSecret(), senderDomain: mail.senderDomain },
      parsed,
    );
    logger.info('inbound mail', {
      state: outcome.state,
      reason: outcome.reason,
      sesMessageId: received.messageId,
    });
  }
};
