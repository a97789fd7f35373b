import { html, raw } from 'hono/html';
import type { Subscriber } from '../domain/press-list.js';
import { fillFacts, type PressRelease } from '../domain/press-release.js';
import { germanDateTime, oneLine } from './dates.js';
import type { OutgoingMail } from './invitation-mail.js';

const timeZone = 'Europe/Berlin';

export interface PressMailContext {
  senderDomain: string;
  secretariat: { name: string; email: string };
  /** Makes the Message-ID unique per outbox entry. */
  entryId: string;
}

/** The "Sperrfrist" line of a release sent in advance. */
export const embargoLine = (release: PressRelease) =>
  release.embargoUntil === undefined
    ? undefined
    : `Sperrfrist: ${germanDateTime(release.embargoUntil, timeZone)}`;

const from = (context: PressMailContext) => ({
  name: `Pressestelle – ${context.secretariat.name}`,
  address: `presse@${context.senderDomain}`,
});

/**
 * A press release to one journalist: the approved text (the HTML rendered at
 * approval, the Markdown with frozen facts as plain text), contacts, and the
 * one-click unsubscribe of RFC 8058 in `List-Unsubscribe`/`-Post`. Sent in
 * advance it is marked "Sperrfrist: …" in the subject and above the text.
 */
export const pressReleaseMail = async (
  input: PressMailContext & {
    release: PressRelease;
    subscriber: Subscriber;
    mailing: 'embargo' | 'publication' | 'correction';
    releaseUrl: string;
    unsubscribeUrl: string;
  },
): Promise<OutgoingMail> => {
  const { release } = input;
  const embargo = input.mailing === 'embargo' ? embargoLine(release) : undefined;
  const title = oneLine(release.title);
  const correction =
    input.mailing === 'correction' && release.correctedAt !== undefined
      ? `Korrigierte Fassung vom ${germanDateTime(release.correctedAt, timeZone)}${release.revisions.at(-1)?.note ? `: ${oneLine(release.revisions.at(-1)?.note ?? '')}` : ''}`
      : undefined;
  const subject = embargo ? `${embargo} – ${title}` : correction ? `Korrektur: ${title}` : title;
  const contacts = release.contacts.map((contact) =>
    [contact.name, contact.role, contact.phone, contact.email].filter(Boolean).join(', '),
  );
  const text = [
    ...(embargo ? [embargo.toUpperCase(), ''] : []),
    ...(correction ? [correction, ''] : []),
    title,
    '',
    `${release.dateline} – ${fillFacts(release.body, release.facts ?? {})}`,
    '',
    ...(contacts.length > 0 ? ['Pressekontakt:', ...contacts, ''] : []),
    `Online: ${input.releaseUrl}`,
    '',
    `Abmelden: ${input.unsubscribeUrl}`,
  ].join('\n');
  const body = await html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40rem">
${embargo ? html`<p style="border: 2px solid #b30; padding: 0.5em; font-weight: bold">${embargo}</p>` : ''}
${correction ? html`<p style="border: 2px solid #357; padding: 0.5em; font-weight: bold">${correction}</p>` : ''}
<h1 style="font-size: 1.4em">${title}</h1>
<p><strong>${release.dateline}</strong></p>
${raw(release.html ?? '')}
${release.images.map((image) => html`<figure><img src="${image.url}" alt="${image.alt}" style="max-width: 100%">${image.caption ? html`<figcaption>${image.caption}</figcaption>` : ''}</figure>`)}
${contacts.length > 0 ? html`<p>Pressekontakt:<br>${contacts.map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>` : ''}
<p><a href="${input.releaseUrl}">Online lesen</a></p>
<p style="font-size: 0.85em; color: #555">Sie erhalten diese E-Mail, weil Sie sich für die Presseliste angemeldet haben. <a href="${input.unsubscribeUrl}">Abmelden</a></p>
</body></html>`;
  return {
    from: from(input),
    to: { name: input.subscriber.name ?? '', address: input.subscriber.email },
    replyTo: input.secretariat.email,
    subject,
    text,
    html: body.toString(),
    messageId: `<press-${release.id}-${input.entryId}@${input.senderDomain}>`,
    headers: {
      'List-Id': `Pressemitteilungen <presse.${input.senderDomain}>`,
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      Precedence: 'bulk',
    },
  };
};

/** The double opt-in mail: a link that confirms the subscription. */
export const confirmationMail = async (
  input: PressMailContext & { subscriber: Subscriber; confirmUrl: string },
): Promise<OutgoingMail> => {
  const subject = 'Bitte bestätigen Sie Ihre Anmeldung zur Presseliste';
  const text = [
    'Guten Tag,',
    '',
    `Sie haben sich mit dieser Adresse für die Pressemitteilungen der ${input.secretariat.name} angemeldet.`,
    'Bitte bestätigen Sie die Anmeldung:',
    '',
    `  ${input.confirmUrl}`,
    '',
    'Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail; Sie erhalten dann nichts weiter.',
  ].join('\n');
  const body = await html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>Guten Tag,</p>
<p>Sie haben sich mit dieser Adresse für die Pressemitteilungen der ${input.secretariat.name} angemeldet.</p>
<p><a href="${input.confirmUrl}" style="display: inline-block; padding: 0.5em 1em; background: #357; color: #fff; text-decoration: none">Anmeldung bestätigen</a></p>
<p>Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail; Sie erhalten dann nichts weiter.</p>
</body></html>`;
  return {
    from: from(input),
    to: { name: input.subscriber.name ?? '', address: input.subscriber.email },
    replyTo: input.secretariat.email,
    subject,
    text,
    html: body.toString(),
    messageId: `<press-confirm-${input.subscriber.id}-${input.entryId}@${input.senderDomain}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
};
