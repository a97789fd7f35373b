import type { SESEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { localVerdicts } from '../../infra/local/verdicts-option.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { sesVerdicts } from '../../shared/adapters/mail/ses-receipt.js';
import {
  alignedDomains,
  authenticationProblem,
  type MailVerdicts,
} from '../../shared/domain/mail-authentication.js';
import { dkimSignature, passingVerdicts, rawReply } from '../fixtures/raw-mail.js';

const author = (verdicts: MailVerdicts | undefined, dkimDomains: string[] = []) => ({
  fromHeaders: [['minister@mi.land.example']],
  dkimDomains,
  verdicts,
});

describe('Function: alignedDomains', () => {
  it.each([
    ['mi.land.example', 'mi.land.example', true],
    ['land.example', 'mi.land.example', true],
    ['post.mi.land.example', 'mi.land.example', true],
    ['MI.Land.Example.', 'mi.land.example', true],
    ['example', 'mi.land.example', false],
    ['other.land.example', 'mi.land.example', false],
    ['xmi.land.example', 'mi.land.example', false],
    ['mailer.example.net', 'mi.land.example', false],
    ['', 'mi.land.example', false],
  ])('takes d=%s for From domain %s as aligned: %s', (signing, from, aligned) => {
    expect(alignedDomains(signing, from)).toBe(aligned);
  });
});

describe('Function: authenticationProblem', () => {
  it('believes a DMARC pass, and an aligned DKIM pass without one', () => {
    expect(authenticationProblem(author({ ...passingVerdicts, dkim: 'GRAY' }))).toBeUndefined();
    expect(
      authenticationProblem(author({ ...passingVerdicts, dmarc: 'GRAY' }, ['land.example'])),
    ).toBeUndefined();
  });

  it('names what is missing when nothing proves the author', () => {
    expect(authenticationProblem(author(undefined))).toBe(
      'no authentication verdicts came with the message',
    );
    expect(
      authenticationProblem(
        author({ ...passingVerdicts, dmarc: 'GRAY' }, ['land.example', 'bulk.example.net']),
      ),
    ).toBe(
      'not authenticated: dmarc GRAY, dkim PASS (signed by land.example, bulk.example.net; From domain mi.land.example)',
    );
    expect(authenticationProblem(author({ spf: 'PASS', spam: 'PASS', virus: 'PASS' }, []))).toBe(
      'not authenticated: dmarc missing, dkim missing (no DKIM signature; From domain mi.land.example)',
    );
  });

  it('does not let SPF stand in for DMARC or DKIM', () => {
    expect(
      authenticationProblem(author({ spf: 'PASS', dmarc: 'GRAY', spam: 'PASS', virus: 'PASS' })),
    ).toContain('not authenticated');
  });

  it('sends FAIL, unclear spam or virus verdicts and several authors to review', () => {
    expect(authenticationProblem(author({ ...passingVerdicts, dkim: 'FAIL', spam: 'FAIL' }))).toBe(
      'failed dkim, spam checks',
    );
    expect(authenticationProblem(author({ ...passingVerdicts, virus: 'DISABLED' }))).toBe(
      'no clear spam and virus verdicts (virus DISABLED)',
    );
    expect(
      authenticationProblem({
        fromHeaders: [['a@land.example'], ['b@land.example']],
        dkimDomains: [],
        verdicts: passingVerdicts,
      }),
    ).toBe('more than one From header');
    expect(
      authenticationProblem({
        fromHeaders: [['a@land.example', 'b@land.example']],
        dkimDomains: [],
        verdicts: passingVerdicts,
      }),
    ).toBe('more than one From mailbox');
    expect(
      authenticationProblem({ fromHeaders: [], dkimDomains: [], verdicts: passingVerdicts }),
    ).toBe('no From address');
  });
});

describe('Function: parseInboundMail (authorship)', () => {
  it('reads every From header and mailbox, the Sender and the signing domains', async () => {
    const mail = await parseInboundMail(
      rawReply({
        from: 'Die Ministerin <Minister@MI.Land.Example>',
        to: 'antwort+x@imk.example.org',
        messageId: '<a@b>',
        text: 'Zusage',
        headers: [
          ['From', 'Verteiler: eins@land.example, zwei@land.example;'],
          ['Sender', 'Büro <buero@mi.land.example>'],
          ['DKIM-Signature', dkimSignature('MI.Land.Example')],
          ['DKIM-Signature', 'v=1; a=rsa-sha256; s=x; bh=abc; b=def'],
        ],
      }),
      { verdicts: passingVerdicts, delivery: 'ses' },
    );
    expect(mail).toMatchObject({
      from: 'minister@mi.land.example',
      fromHeaders: [['minister@mi.land.example'], ['eins@land.example', 'zwei@land.example']],
      senders: ['buero@mi.land.example'],
      dkimDomains: ['mi.land.example', ''],
      verdicts: passingVerdicts,
      delivery: 'ses',
    });
  });
});

describe('Function: sesVerdicts', () => {
  it('takes all five verdicts from an SES receipt as the Lambda action delivers it', () => {
    const event: SESEvent = {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: {
              timestamp: '2027-02-01T08:00:01.000Z',
              source: 'minister@de-by.example.org',
              messageId: 'o3vrnil0e2ic28trm7dfhrc2v0cnbeccl4nbp0g1',
              destination: ['antwort+x@imk.example.org'],
              headersTruncated: false,
              headers: [{ name: 'From', value: 'minister@de-by.example.org' }],
              commonHeaders: {
                returnPath: 'minister@de-by.example.org',
                from: ['minister@de-by.example.org'],
                date: 'Mon, 1 Feb 2027 09:00:00 +0100',
                to: ['antwort+x@imk.example.org'],
                messageId: '<reply@de-by.example.org>',
                subject: 'AW: Einladung',
              },
            },
            receipt: {
              timestamp: '2027-02-01T08:00:01.000Z',
              processingTimeMillis: 222,
              recipients: ['antwort+x@imk.example.org'],
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
              spfVerdict: { status: 'FAIL' },
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'GRAY' },
              dmarcPolicy: 'none',
              action: {
                type: 'Lambda',
                functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:inbound',
                invocationType: 'Event',
              },
            },
          },
        },
      ],
    };
    expect(sesVerdicts(event.Records[0]?.ses.receipt ?? {})).toEqual({
      spam: 'PASS',
      virus: 'PASS',
      spf: 'FAIL',
      dkim: 'PASS',
      dmarc: 'GRAY',
    });
  });

  it('leaves out a verdict that is missing or has an unknown status', () => {
    expect(
      sesVerdicts({
        dkimVerdict: { status: 'PASS' },
        dmarcVerdict: { status: 'MAYBE' } as never,
      }),
    ).toEqual({ dkim: 'PASS' });
  });
});

describe('Function: localVerdicts (npm run inbound --verdicts)', () => {
  it('passes every check by default and changes the ones named', () => {
    expect(localVerdicts(undefined)).toEqual(passingVerdicts);
    expect(localVerdicts('dkim=FAIL, dmarc=gray,spf=PROCESSING_FAILED')).toEqual({
      ...passingVerdicts,
      dkim: 'FAIL',
      dmarc: 'GRAY',
      spf: 'PROCESSING_FAILED',
    });
  });

  it('refuses an unknown check or status', () => {
    expect(() => localVerdicts('arc=PASS')).toThrow("--verdicts: unknown check 'arc'");
    expect(() => localVerdicts('dmarc=MAYBE')).toThrow(
      "--verdicts: unknown status 'MAYBE' for dmarc",
    );
    expect(() => localVerdicts('dmarc')).toThrow("unknown status '' for dmarc");
  });
});
