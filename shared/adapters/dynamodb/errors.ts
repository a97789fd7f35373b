import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';

/**
 * True when a write failed only because its condition did not hold, either as
 * a single `ConditionalCheckFailedException` or as a cancelled transaction
 * whose reasons are conditional-check failures.
 */
export const isConditionFailure = (error: unknown): boolean => {
  if (error instanceof ConditionalCheckFailedException) return true;
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
  }
  return false;
};
