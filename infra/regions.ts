/**
 * The AWS regions where Amazon SES receives mail, and the rule the stack
 * follows: it is deployed only where replies to invitations can arrive.
 *
 * Source: AWS General Reference, "Amazon Simple Email Service endpoints and
 * quotas", table "Email Receiving endpoints"
 * (https://docs.aws.amazon.com/general/latest/gr/ses.html#ses_inbound_endpoints),
 * as it stood in 2026: 22 regions, each with the MX target
 * `inbound-smtp.<region>.amazonaws.com`. Of the regions where SES sends, it
 * does not receive in eu-central-2, ap-south-2, ap-southeast-5, me-central-1,
 * ca-west-1 and AWS GovCloud (US). When AWS adds a region to that table, add
 * it here.
 */
export const sesReceivingRegions = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'sa-east-1',
] as const;

export type SesReceivingRegion = (typeof sesReceivingRegions)[number];

/** Frankfurt: where the stack goes unless `-c region=…` says otherwise. */
export const defaultRegion: SesReceivingRegion = 'eu-central-1';

const regionName = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;

/**
 * True when SES receives mail in the region.
 *
 * @example
 * isSesReceivingRegion('eu-central-1'); // true
 * isSesReceivingRegion('eu-central-2'); // false
 */
export const isSesReceivingRegion = (region: string): region is SesReceivingRegion =>
  (sesReceivingRegions as readonly string[]).includes(region);

/**
 * Why the stack cannot go to a region, in one sentence for the synth to stop
 * with; `undefined` when it can.
 *
 * @example
 * const problem = sesReceivingRegionProblem(String(app.node.tryGetContext('region') ?? defaultRegion));
 * if (problem) throw new Error(problem);
 *
 * sesReceivingRegionProblem('eu-central-1'); // undefined
 * sesReceivingRegionProblem('eu-central-2');
 * // "Region 'eu-central-2' cannot be used: Amazon SES does not receive mail there, … Use -c region=eu-central-1 …"
 */
export const sesReceivingRegionProblem = (region: string): string | undefined => {
  if (isSesReceivingRegion(region)) return undefined;
  if (!regionName.test(region)) {
    return `'${region}' is not an AWS region name: pass -c region=${defaultRegion} or another region where SES receives mail (${sesReceivingRegions.join(', ')}).`;
  }
  return `Region '${region}' cannot be used: Amazon SES does not receive mail there, so replies to invitations would never arrive. Use -c region=${defaultRegion} or another region where SES receives mail: ${sesReceivingRegions.join(', ')}.`;
};
