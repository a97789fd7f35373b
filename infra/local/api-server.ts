/**
 * The local API process: the same Hono app as in Lambda, on Node, serving
 * every route and the docs, plus the local issuer's JWKS. Started by
 * `npm start`; reads its settings from the environment `start.ts` gives it.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { appDepsFromConfig } from '../../functions/http/app-deps.js';
import { createFullApp } from '../../functions/http/routes/all-routes.js';
import { config } from '../../shared/config/config.js';
import { ensureSigningKey } from './local-auth.js';

const port = Number(process.env.PORT ?? 3000);
const { publicJwk } = await ensureSigningKey();
const app = createFullApp(appDepsFromConfig(config(), 'conference-api-local'));

const root = new Hono();
root.get('/.well-known/jwks.json', (c) => c.json({ keys: [publicJwk] }));
root.route('/', app);

const server = serve({ fetch: root.fetch, port, hostname: '127.0.0.1' });
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
