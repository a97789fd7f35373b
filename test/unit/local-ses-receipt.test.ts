import { describe, expect, it } from 'vitest';
import { SesReceiptEventSchema } from '../../functions/events/event-schemas.js';
import { sesReceiptEvent } from '../../infra/local/ses-receipt.js';
import { localVerdicts } from '../../infra/local/verdicts-option.js';
import { sesVerdicts } from '../../shared/adapters/mail/ses-receipt.js';

const raw = new TextEncoder().encode(
  [
    'From: "Ministerin A" <ministerin@by.example.org>',
    'To: antwort+abc123@imk.example.org,',
    ' "Geschäftsstelle" <gs@imk.example.org>',
    'Cc: referat@by.example.org',
    'Subject: AW: Einladung',
    'Message-ID: <reply-1@by.example.org>',
    '',
    'Zusage',
    '',
  ].join('\r\n'),
);

describe('Unit: sesReceiptEvent (npm run inbound)', () => {
  it('builds the receipt event SES hands the inbound function, with the message’s envelope', () => {
    // Act
    const event = sesReceiptEvent(raw, {
      messageId: 'local-01jq8z6m4k3t9v2w5x7y8z0a1b',
      verdicts: localVerdicts(undefined),
    });

    // Assess: the function's own schema accepts it
    expect(SesReceiptEventSchema.safeParse(event).success).toBe(true);
    const [record] = event.Records;
    expect(record?.ses.mail).toMatchObject({
      messageId: 'local-01jq8z6m4k3t9v2w5x7y8z0a1b',
      source: 'ministerin@by.example.org',
      commonHeaders: { subject: 'AW: Einladung', messageId: '<reply-1@by.example.org>' },
    });
    // Folded header lines are read whole; Cc counts as a recipient.
    expect(record?.ses.receipt.recipients).toEqual([
      'antwort+abc123@imk.example.org',
      'gs@imk.example.org',
      'referat@by.example.org',
    ]);
  });

  it('carries --verdicts into the receipt as SES reports them', () => {
    const verdicts = localVerdicts('dkim=FAIL,dmarc=GRAY,virus=DISABLED');

    const event = sesReceiptEvent(raw, { messageId: 'local-x', verdicts });

    const receipt = event.Records[0]?.ses.receipt;
    expect(receipt?.dkimVerdict).toEqual({ status: 'FAIL' });
    expect(sesVerdicts(receipt ?? {})).toEqual(verdicts);
  });
});
