import type { OutgoingMail } from './invitation-mail.js';

/** The word every subject, page and calendar entry of an exercise begins with. */
export const exerciseMark = 'ÜBUNG';

/** The line an exercise mail and page opens with, so no reader takes it for a real crisis. */
export const exerciseNotice =
  'ÜBUNG – Diese Nachricht gehört zu einer Übung. Es liegt kein Ernstfall vor.';

/**
 * A subject or title as an exercise shows it: "ÜBUNG – Einladung: …".
 *
 * @example
 * ```ts
 * exerciseTitle('Einladung: Lage Hochwasser'); // 'ÜBUNG – Einladung: Lage Hochwasser'
 * ```
 */
export const exerciseTitle = (title: string): string => `${exerciseMark} – ${title}`;

/**
 * The same mail marked as an exercise: the subject begins with "ÜBUNG", and
 * the text and the HTML open with the notice. A mail that is no exercise is
 * returned as it is.
 *
 * @example
 * ```ts
 * const mail = markedAsExercise(await invitationMail(input), session.exercise);
 * ```
 */
export const markedAsExercise = (
  mail: OutgoingMail,
  exercise: boolean | undefined,
): OutgoingMail => {
  if (exercise !== true) return mail;
  const banner = `<p style="padding: 0.5em; border: 2px solid #b30; color: #b30; font-weight: bold">${exerciseNotice}</p>`;
  return {
    ...mail,
    subject: exerciseTitle(mail.subject),
    text: `${exerciseNotice}\n\n${mail.text}`,
    html: mail.html.replace(/(<body[^>]*>)/, `$1\n${banner}`),
  };
};
