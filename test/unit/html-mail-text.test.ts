import { describe, expect, it } from 'vitest';
import { htmlMailText } from '../../shared/adapters/mail/html-text.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { readBallotReply, readInvitationReply } from '../../shared/domain/reply-answer.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';

/** Our invitation as an HTML client quotes it: both answer words in it. */
const quotedInvitation =
  '<p>Sehr geehrter Herr Minister,</p><p>Sie können auch auf diese E-Mail mit &bdquo;Zusage&ldquo; oder &bdquo;Absage&ldquo; antworten oder die Kalendereinladung annehmen.</p><p>Mit freundlichen Gr&uuml;&szlig;en<br>Gesch&auml;ftsstelle der IMK</p>';

/** Outlook's HTML reply: own text, a rule, the header block in a div, the original unquoted. */
const outlookHtml = (own: string) => `<html><head><style>p { margin: 0 }</style></head>
<body><div class="WordSection1"><p class="MsoNormal">${own}</p>
<p class="MsoNormal">&nbsp;</p>
<div id="mail-editor-reference-message-container"><div style="border:none;border-top:solid #E1E1E1 1.0pt">
<p class="MsoNormal"><b>Von:</b> Gesch&auml;ftsstelle der IMK &lt;antwort+x@imk.example.org&gt;<br>
<b>Gesendet:</b> Montag, 1. Februar 2027 09:00<br>
<b>An:</b> Minister, Thomas &lt;minister@de-th.example.org&gt;<br>
<b>Betreff:</b> Einladung: Konstituierende Sitzung der IMK</p></div>
${quotedInvitation}</div></div></body></html>`;

/** Gmail's HTML reply: own text, then the attribution and a blockquote. */
const gmailHtml = (own: string) =>
  `<div dir="ltr">${own}<div><br></div><div><div dir="ltr" class="gmail_signature">Thomas Minister<br>Ihre Zusage zur Vertraulichkeit setzen wir voraus.</div></div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Am Mo., 1. Feb. 2027 um 09:00&nbsp;Uhr schrieb Gesch&auml;ftsstelle der IMK &lt;<a href="mailto:antwort+x@imk.example.org">antwort+x@imk.example.org</a>&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${quotedInvitation}</blockquote></div>`;

/** Thunderbird's HTML reply, answer below the quote. */
const thunderbirdHtml = (own: string) =>
  `<html><body><div class="moz-cite-prefix">Am 01.02.2027 um 09:00 schrieb Gesch&auml;ftsstelle der IMK:<br></div><blockquote type="cite">${quotedInvitation}<blockquote type="cite"><p>Zusage</p></blockquote></blockquote><p>${own}</p><pre class="moz-signature" cols="72">-- \nBüro des Ministers</pre></body></html>`;

/** Apple Mail's HTML reply. */
const appleHtml = (own: string) =>
  `<html><body dir="auto"><div>${own}</div><div><br></div><div>Von meinem iPhone gesendet</div><div><br><blockquote type="cite">Am 01.02.2027 um 09:00 schrieb Geschäftsstelle der IMK &lt;antwort+x@imk.example.org&gt;:<br><br></blockquote></div><blockquote type="cite"><div>${quotedInvitation}</div></blockquote></body></html>`;

describe('Unit: htmlMailText', () => {
  it('writes blocks as lines, paragraphs apart, and blockquotes as quoted lines, once per level', () => {
    // Act
    const text = htmlMailText(
      '<div>Sehr geehrte Damen und Herren,<br>hiermit sage ich zu.</div><blockquote>Eins<blockquote>Zwei</blockquote></blockquote><p>Danach</p>',
    );

    // Assess
    expect(text).toBe(
      'Sehr geehrte Damen und Herren,\nhiermit sage ich zu.\n\n> Eins\n> > Zwei\n\nDanach',
    );
  });

  it('leaves out the head, styles and scripts, and decodes entities', () => {
    expect(
      htmlMailText(
        '<html><head><title>Zusage</title><style>.a{}</style></head><body><script>var a = "Absage";</script><p>Gr&uuml;&szlig;e&nbsp;aus Erfurt</p></body></html>',
      ),
    ).toBe('Grüße aus Erfurt');
  });

  it.each([
    ['Outlook', outlookHtml('Sehr geehrte Damen und Herren, hiermit sage ich zu.'), 'accepted'],
    ['Gmail', gmailHtml('Ich nehme teil.'), 'accepted'],
    [
      'Thunderbird, below a quote that holds another answer',
      thunderbirdHtml('Absage, ich bin verhindert.'),
      'declined',
    ],
    ['Apple Mail', appleHtml('Ich komme.'), 'accepted'],
  ])('lets the own words of an HTML-only reply from %s be read', (_client, html, answer) => {
    expect(readInvitationReply(htmlMailText(html))).toEqual({ kind: 'answer', answer });
  });

  it('reads votes per proposal from an HTML-only reply', () => {
    expect(
      readBallotReply(
        htmlMailText(outlookHtml('Zustimmung zu Vorschlag 1,<br>Ablehnung zu Vorschlag 2')),
      ),
    ).toEqual({ kind: 'answer', answer: { byProposal: { 1: 'yes', 2: 'no' } } });
  });
});

describe('Unit: parseInboundMail with an HTML-only reply', () => {
  it('reads the text of an HTML-only message from its HTML', async () => {
    // Prepare
    const raw = rawReply({
      from: 'minister@de-th.example.org',
      to: 'antwort+x@imk.example.org',
      messageId: '<html-only@de-th.example.org>',
      html: gmailHtml('Hiermit sage ich zu.'),
    });

    // Act
    const mail = await parseInboundMail(raw, { verdicts: passingVerdicts });

    // Assess
    expect(mail.text.split('\n')[0]).toBe('Hiermit sage ich zu.');
    expect(mail.text).toContain('> Sie können auch auf diese E-Mail mit „Zusage“ oder „Absage“');
  });
});
