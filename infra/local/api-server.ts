/**
 * The local API process: the same Hono app as in Lambda, on Node, serving
 * every route and the docs, plus the local issuer's JWKS and sign-in
 * provider (`/oidc/`), the mailer and the scheduled jobs (reminders). Started by
 * `npm start`; reads its settings from the environment `start.ts` gives it.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { startOutboxPoller } from '../../functions/events/outbox-poller.js';
import { startSchedulerLoop } from '../../functions/events/scheduler-loop.js';
import { appDepsFromConfig } from '../../functions/http/app-deps.js';
import { createFullApp } from '../../functions/http/routes/all-routes.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { config } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { runScheduledJobs } from '../../shared/use-cases/scheduled-jobs.js';
import { ensureSigningKey, localIssuer } from './local-auth.js';
import { clockControl, clockControlEnabled, movableClock } from './local-clock.js';
import { createLocalProvider } from './oidc-provider.js';

const port = Number(process.env.PORT ?? 3000);
const { publicJwk, privateJwk } = await ensureSigningKey();
const configured = appDepsFromConfig(config(), 'conference-api-local');
// Flow tests move this clock instead of waiting (LOCAL_CLOCK_CONTROL=1 only).
const clock = clockControlEnabled(process.env) ? movableClock() : undefined;
const deps = clock === undefined ? configured : { ...configured, clock };
const app = createFullApp(deps);

// The mailer, driven by a poller instead of a queue: the same delivery code as in AWS.
const mail = loadMailConfig(process.env);
const stopPoller = startOutboxPoller(
  {
    ...deps,
    mail,
    linkSecret: await deps.linkSecret(),
    sender: new SesMailSender({ region: mail.region, endpoint: mail.sesEndpoint }),
  },
  deps.logger,
);

const root = new Hono();
root.get('/.well-known/jwks.json', (c) => c.json({ keys: [publicJwk] }));
if (clock !== undefined)
  root.route(
    '/local/clock',
    clockControl(clock, () => runScheduledJobs(deps)),
  );
root.route('/', app);

// The local sign-in provider answers its own paths; the app all others.
const signInProvider = createLocalProvider({
  issuer: localIssuer(port),
  signingKey: privateJwk,
  directory: deps.staff,
  cookieKeys: [process.env.SESSION_KEY ?? crypto.randomUUID()],
});
const serveApp = getRequestListener(root.fetch);
const server = createServer((req, res) =>
  signInProvider.owns(req.url) ? signInProvider.listener(req, res) : serveApp(req, res),
).listen(port, '127.0.0.1');
const stopScheduler = startSchedulerLoop(
  { ...deps, objects: deps.papers?.objects },
  deps.logger,
  Number(process.env.SCHEDULER_INTERVAL_MS ?? 5_000),
);

const stop = () => {
  void Promise.all([stopPoller(), stopScheduler()]).finally(() =>
    server.close(() => process.exit(0)),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
