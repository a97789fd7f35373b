import * as z from 'zod/mini';
import { parseEnvironment } from '../../../shared/config/parse-environment.js';

const BrandingSchema = z.object({
  /** The conference's name in the header of every page. */
  CONFERENCE_NAME: z._default(z.string().check(z.minLength(1)), 'Konferenzkoordination'),
  /** The colour of the header and the primary buttons; dark enough for white text (WCAG AA). */
  BRAND_COLOUR: z._default(
    z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')),
    '#1d3f5e',
  ),
  /** An optional logo (https or a path of this product), shown beside the name. */
  BRAND_LOGO_URL: z.optional(z.string().check(z.regex(/^(https:\/\/|\/)[^\s"'<>]+$/, 'a URL'))),
});

/** The name, colour and logo that the console and the public pages show. */
export interface Branding {
  conferenceName: string;
  colour: string;
  logoUrl: string | undefined;
}

/**
 * Reads the branding from the environment (`CONFERENCE_NAME`, `BRAND_COLOUR`,
 * `BRAND_LOGO_URL`), failing with every wrong variable named.
 *
 * @example
 * ```ts
 * loadBranding({ CONFERENCE_NAME: 'IMK' }).colour; // '#1d3f5e'
 * ```
 */
export const loadBranding = (env: Record<string, string | undefined>): Branding => {
  const parsed = parseEnvironment(BrandingSchema, env, 'Invalid branding');
  return {
    conferenceName: parsed.CONFERENCE_NAME,
    colour: parsed.BRAND_COLOUR,
    logoUrl: parsed.BRAND_LOGO_URL,
  };
};

let cached: Branding | undefined;

/** The process-wide branding, read on first use. */
export const branding = (): Branding => {
  cached ??= loadBranding(process.env);
  return cached;
};
