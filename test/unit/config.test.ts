import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/config.js';
import { ConfigurationError } from '../../shared/domain/errors.js';

const valid = {
  TABLE_NAME: 'conference',
  JWT_ISSUER: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc/',
  JWT_CLIENT_IDS: 'one, two',
};

describe('Function: loadConfig', () => {
  it('reads the environment with defaults', () => {
    expect(loadConfig(valid)).toEqual({
      tableName: 'conference',
      region: 'eu-central-1',
      dynamodbEndpoint: undefined,
      jwt: {
        issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc',
        jwksUrl:
          'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc/.well-known/jwks.json',
        clientIds: ['one', 'two'],
      },
      logLevel: 'INFO',
    });
  });

  it('names every missing or malformed variable', () => {
    expect(() => loadConfig({ JWT_ISSUER: 'not a url', LOG_LEVEL: 'LOUD' })).toThrow(
      ConfigurationError,
    );
    try {
      loadConfig({ JWT_ISSUER: 'not a url', LOG_LEVEL: 'LOUD' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['TABLE_NAME', 'JWT_ISSUER', 'JWT_CLIENT_IDS', 'LOG_LEVEL']) {
        expect(message).toContain(name);
      }
    }
  });
});
