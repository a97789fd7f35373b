/**
 * The header CloudFront adds to every request it passes to the API, carrying
 * a secret only CloudFront and the API functions know. A request without it
 * did not come through the public entrance (and its WAF).
 */
export const originVerifyHeader = 'x-origin-verify';
