import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/adapters/dynamodb/cursor.js';
import { ValidationError } from '../../shared/domain/errors.js';

const names = ['PK', 'SK'] as const;
const check = (name: string, value: string) =>
  name === 'PK' ? value.startsWith('BODY#') : value === '#BODY';

describe('Module: cursor', () => {
  it('decodes what it encoded', () => {
    const key = { PK: 'BODY#imk', SK: '#BODY' };
    expect(decodeCursor(encodeCursor(key), names, check)).toEqual(key);
  });

  it('has no cursor for the last page', () => {
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, names, check)).toBeUndefined();
  });

  it.each([
    ['not base64url', '***'],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an array', Buffer.from('["BODY#imk"]').toString('base64url')],
    ['a missing attribute', encodeCursor({ PK: 'BODY#imk' })],
    ['an extra attribute', encodeCursor({ PK: 'BODY#imk', SK: '#BODY', X: 'y' })],
    ['another list', encodeCursor({ PK: 'SESSION#1', SK: '#BODY' })],
    ['a number value', encodeCursor({ PK: 'BODY#imk', SK: 7 })],
  ])('rejects a cursor that is %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, names, check)).toThrow(ValidationError);
  });
});
