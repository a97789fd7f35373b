import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { loadTableConfig } from '../../shared/config/config.js';
import { bodiesClaim, grantsClaim, staffClaims } from '../../shared/domain/staff.js';
import { createLogger } from '../../shared/observability/logger.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';

/**
 * The pre-token-generation trigger (V2): puts the staff member's roles
 * (`cognito:groups`), bodies and per-body grants from the staff directory
 * into the access token. Whoever is not in the directory gets none, so a
 * removed staff member's next token (a refresh included) carries no grant.
 * Lists travel as space-separated strings, which the API's verifier reads.
 *
 * @example
 * ```ts
 * const handler = preTokenHandler({ staff: directory, logger });
 * const answered = await handler(event);
 * ```
 */
export const preTokenHandler =
  (deps: { staff: Pick<StaffDirectory, 'findStaffByEmail'>; logger: Logger }) =>
  async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const email = event.request.userAttributes.email?.toLowerCase();
    const staff = email === undefined ? undefined : await deps.staff.findStaffByEmail(email);
    const claims = staffClaims(staff);
    if (staff === undefined) {
      deps.logger.warn('token for someone not in the staff directory', {
        userName: event.userName,
        triggerSource: event.triggerSource,
      });
    }
    event.response = {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: {
          claimsToAddOrOverride: {
            ...(email === undefined ? {} : { email }),
            [bodiesClaim]: claims.bodies.join(' '),
            [grantsClaim]: claims.grants.join(' '),
          },
        },
        groupOverrideDetails: { groupsToOverride: claims.roles },
      },
    };
    return event;
  };

// Made once per execution environment.
const settings = loadTableConfig(process.env);
const logger = createLogger('conference-pre-token', settings.logLevel);

/** The Lambda entry: the same handler over the table named by `TABLE_NAME`. */
export const handler = middy<PreTokenGenerationV2TriggerEvent, PreTokenGenerationV2TriggerEvent>()
  .before((request) => {
    logger.addContext(request.context);
  })
  .handler(
    preTokenHandler({
      staff: new DynamoStaffDirectory(
        createDocumentClient({ region: settings.region, endpoint: settings.dynamodbEndpoint }),
        settings.tableName,
      ),
      logger,
    }),
  );
