/**
 * The sixteen Länder with their ISO 3166-2 codes, and the Bund. Names are the
 * short German forms used in press releases ("aus Bayern, Hamburg …").
 */
export const lands = [
  { code: 'DE-BW', name: 'Baden-Württemberg' },
  { code: 'DE-BY', name: 'Bayern' },
  { code: 'DE-BE', name: 'Berlin' },
  { code: 'DE-BB', name: 'Brandenburg' },
  { code: 'DE-HB', name: 'Bremen' },
  { code: 'DE-HH', name: 'Hamburg' },
  { code: 'DE-HE', name: 'Hessen' },
  { code: 'DE-MV', name: 'Mecklenburg-Vorpommern' },
  { code: 'DE-NI', name: 'Niedersachsen' },
  { code: 'DE-NW', name: 'Nordrhein-Westfalen' },
  { code: 'DE-RP', name: 'Rheinland-Pfalz' },
  { code: 'DE-SL', name: 'Saarland' },
  { code: 'DE-SN', name: 'Sachsen' },
  { code: 'DE-ST', name: 'Sachsen-Anhalt' },
  { code: 'DE-SH', name: 'Schleswig-Holstein' },
  { code: 'DE-TH', name: 'Thüringen' },
] as const;

export type LandCode = (typeof lands)[number]['code'];

/** Member id of the federation (Bund), which sits in the conference as a guest. */
export const federationId = 'BUND';

export const landCodes: readonly string[] = lands.map((land) => land.code);

/** The German name of a Land, or `undefined` for an unknown code. */
export const landName = (code: string): string | undefined =>
  lands.find((land) => land.code === code)?.name;
