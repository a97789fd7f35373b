import { dateTimeFormat } from '../domain/date-format.js';
import type { Place } from '../domain/session.js';
import { datesMoved } from '../domain/session.js';
import type { SessionSnapshot } from '../domain/session-change.js';
import { germanDateRange } from './dates.js';
import { formatName } from './session-phrase.js';

const clock = (at: string, timeZone: string) =>
  `${dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at))} Uhr`;

/** A place as the mail writes it: "Ratsstube, Hamburger Rathaus, Rathausmarkt 1, 20095 Hamburg". */
export const placeText = (place: Place | undefined): string =>
  [place?.room, place?.building, place?.address ?? place?.city].filter(Boolean).join(', ');

const sameOutside = (a: Place, b: Place) =>
  a.city === b.city && a.building === b.building && a.address === b.address;

const timeLines = (before: SessionSnapshot, after: SessionSnapshot): string[] => {
  if (datesMoved(before, after)) {
    return [
      `Neuer Termin: ${germanDateRange(after.startsAt, after.endsAt, after.timeZone)} statt ${germanDateRange(before.startsAt, before.endsAt, before.timeZone)}`,
    ];
  }
  const lines: string[] = [];
  const start = [clock(after.startsAt, after.timeZone), clock(before.startsAt, before.timeZone)];
  const end = [clock(after.endsAt, after.timeZone), clock(before.endsAt, before.timeZone)];
  if (start[0] !== start[1]) lines.push(`Neuer Beginn: ${start[0]} statt ${start[1]}`);
  if (end[0] !== end[1]) lines.push(`Neues Ende: ${end[0]} statt ${end[1]}`);
  if (before.timeZone !== after.timeZone) {
    lines.push(`Neue Zeitzone: ${after.timeZone} statt ${before.timeZone}`);
  }
  return lines;
};

const placeLines = (before: Place | undefined, after: Place | undefined): string[] => {
  if (before === undefined && after === undefined) return [];
  if (after === undefined) return [`Der bisherige Ort entfällt: ${placeText(before)}`];
  if (before === undefined) return [`Neuer Ort: ${placeText(after)}`];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (sameOutside(before, after) && before.room !== undefined && after.room !== undefined) {
    return [`Neuer Raum: ${after.room} statt ${before.room}`];
  }
  return [`Neuer Ort: ${placeText(after)} statt ${placeText(before)}`];
};

const videoLines = (before: string | undefined, after: string | undefined): string[] => {
  if (before === after) return [];
  return after === undefined ? ['Der Videolink entfällt.'] : [`Neuer Videolink: ${after}`];
};

/**
 * Each change of a session as a German line of the update mail, in the
 * order time, format, place, video link: "Neuer Beginn: 10:30 Uhr statt
 * 10:00 Uhr", "Neuer Termin: 4.–7. März 2027 statt 3.–6. März 2027",
 * "Neuer Raum: Kaisersaal statt Ratsstube", "Neuer Ort: … statt …",
 * "Neues Format: Videokonferenz statt Sitzung vor Ort", "Neuer Videolink: …".
 *
 * @example
 * ```ts
 * changeLines(before, { ...before, startsAt: '2027-03-03T09:30:00Z' });
 * // ['Neuer Beginn: 10:30 Uhr statt 10:00 Uhr']
 * ```
 */
export const changeLines = (before: SessionSnapshot, after: SessionSnapshot): string[] => [
  ...timeLines(before, after),
  ...(before.format === after.format
    ? []
    : [`Neues Format: ${formatName[after.format]} statt ${formatName[before.format]}`]),
  ...placeLines(before.place, after.place),
  ...videoLines(before.videoLink, after.videoLink),
];
