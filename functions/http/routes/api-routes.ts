import type { AppDeps } from '../app.js';
import type { Route } from '../route.js';
import { agendaRoutes } from './agenda.js';
import { auditRoutes } from './audit.js';
import { bodyRoutes } from './bodies.js';
import { inboundMailRoutes } from './inbound-mail.js';
import { invitationRoutes } from './invitations.js';
import { oparlRoutes } from './oparl.js';
import { outboxRoutes } from './outbox.js';
import { paperRoutes, publicPaperRoutes } from './papers.js';
import { pressReleaseRoutes } from './press-releases.js';
import { protocolRoutes } from './protocol.js';
import { reachabilityRoutes } from './reachability.js';
import { resolutionRoutes } from './resolutions.js';
import { sessionRoutes } from './sessions.js';
import { staffRoutes } from './staff.js';
import { healthRoute } from './system.js';
import { writtenProcedureRoutes } from './written-procedures.js';

/** The JSON routes of the API function. */
export const apiRoutes = (deps: AppDeps): Route[] => [
  healthRoute(),
  ...bodyRoutes(deps),
  ...sessionRoutes(deps),
  ...agendaRoutes(deps),
  ...paperRoutes(deps),
  ...publicPaperRoutes(deps),
  ...invitationRoutes(deps),
  ...reachabilityRoutes(deps),
  ...resolutionRoutes(deps),
  ...protocolRoutes(deps),
  ...writtenProcedureRoutes(deps),
  ...inboundMailRoutes(deps),
  ...pressReleaseRoutes(deps),
  ...oparlRoutes(deps),
  ...auditRoutes(deps),
  ...outboxRoutes(deps),
  ...staffRoutes(deps),
];
