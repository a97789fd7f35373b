/**
 * The floor of the fixed libraries (see `floor-app.ts`) without the
 * Powertools tracer, to tell what tracing (the X-Ray SDK) costs a cold start.
 */
import { floorHandler } from './floor-app.js';

export const handler = floorHandler();
