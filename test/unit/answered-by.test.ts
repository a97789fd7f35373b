import { describe, expect, it } from 'vitest';
import type { Member } from '../../shared/domain/body.js';
import { type Answer, attendanceBoard, type Invitation } from '../../shared/domain/invitation.js';

const stamp = '2027-01-20T09:00:00.000Z';
const bayern: Member = {
  bodyId: 'imk',
  memberId: 'DE-BY',
  name: 'Bayern',
  voting: true,
  people: [],
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
const invitation = (
  capacity: Invitation['capacity'],
  name: string,
  email: string,
  answer?: Answer,
): Invitation => ({
  id: `01J${capacity.toUpperCase()}`,
  sessionId: 's',
  bodyId: 'imk',
  memberId: 'DE-BY',
  personId: capacity,
  name,
  email,
  capacity,
  ...(answer === undefined ? {} : { answer }),
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});
const lineFor = (invitations: Invitation[]) => attendanceBoard('s', [bayern], invitations).lines[0];

describe('Function: attendanceBoard names who answered', () => {
  it('names the minister for their own answer', () => {
    // Act
    const line = lineFor([
      invitation('principal', 'Josef Brandl', 'minister@de-by.example.org', {
        status: 'accepted',
        channel: 'link',
        at: stamp,
      }),
    ]);

    // Assess
    expect(line?.answeredBy).toEqual({
      name: 'Josef Brandl',
      email: 'minister@de-by.example.org',
      capacity: 'principal',
    });
  });

  it("names the office that answered on the minister's invitation, and the minister attends", () => {
    // Act
    const line = lineFor([
      invitation('principal', 'Josef Brandl', 'minister@de-by.example.org', {
        status: 'accepted',
        channel: 'mail',
        at: stamp,
        by: {
          name: 'Büro der Hausleitung Bayern',
          email: 'ministerbuero@de-by.example.org',
          capacity: 'office_contact',
        },
      }),
    ]);

    // Assess
    expect(line).toMatchObject({
      status: 'accepted',
      attendee: 'Josef Brandl',
      answeredBy: { name: 'Büro der Hausleitung Bayern', capacity: 'office_contact' },
    });
  });

  it('names the office for the answer on its own invitation, and no one for one the secretariat took', () => {
    // Act
    const office = lineFor([
      invitation('principal', 'Josef Brandl', 'minister@de-by.example.org'),
      invitation('office_contact', 'Ministerbüro', 'ministerbuero@de-by.example.org', {
        status: 'declined',
        channel: 'link',
        at: stamp,
      }),
    ]);
    const secretariat = lineFor([
      invitation('principal', 'Josef Brandl', 'minister@de-by.example.org', {
        status: 'declined',
        channel: 'secretariat',
        at: stamp,
      }),
    ]);

    // Assess
    expect(office?.answeredBy).toEqual({
      name: 'Ministerbüro',
      email: 'ministerbuero@de-by.example.org',
      capacity: 'office_contact',
    });
    expect(secretariat?.answeredBy).toBeUndefined();
    expect(secretariat?.channel).toBe('secretariat');
  });
});
