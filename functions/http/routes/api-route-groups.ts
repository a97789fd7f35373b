import type { RouteGroup } from '../lazy-routes.js';

/**
 * The JSON routes of the API function, by module, each loaded on first use
 * (see `lazyRouteGroup`). The same routes, eagerly: `apiRoutes`. A test
 * checks that both agree.
 */
export const apiRouteGroups: readonly RouteGroup[] = [
  {
    routes: [['get', '/health']],
    load: async () => {
      const { healthRoute } = await import('./system.js');
      return () => [healthRoute()];
    },
  },
  {
    routes: [
      ['get', '/v1/bodies'],
      ['post', '/v1/bodies'],
      ['get', '/v1/bodies/{bodyId}'],
      ['patch', '/v1/bodies/{bodyId}'],
      ['post', '/v1/bodies/{bodyId}/members'],
      ['get', '/v1/bodies/{bodyId}/members/{memberId}'],
      ['patch', '/v1/bodies/{bodyId}/members/{memberId}'],
      ['delete', '/v1/bodies/{bodyId}/members/{memberId}'],
      ['get', '/v1/bodies/{bodyId}/chair-periods'],
      ['get', '/v1/bodies/{bodyId}/chair-periods/next'],
      ['post', '/v1/bodies/{bodyId}/chair-periods'],
    ],
    load: async () => (await import('./bodies.js')).bodyRoutes,
  },
  {
    routes: [
      ['post', '/v1/bodies/{bodyId}/sessions'],
      ['get', '/v1/sessions'],
      ['get', '/v1/sessions/{sessionId}'],
      ['patch', '/v1/sessions/{sessionId}'],
      ['post', '/v1/sessions/{sessionId}/transitions'],
      ['delete', '/v1/sessions/{sessionId}'],
    ],
    load: async () => (await import('./sessions.js')).sessionRoutes,
  },
  {
    routes: [
      ['get', '/v1/sessions/{sessionId}/agenda-items'],
      ['post', '/v1/sessions/{sessionId}/agenda-items'],
      ['post', '/v1/sessions/{sessionId}/agenda-items/reorder'],
      ['get', '/v1/sessions/{sessionId}/agenda-items/{itemId}'],
      ['patch', '/v1/sessions/{sessionId}/agenda-items/{itemId}'],
      ['delete', '/v1/sessions/{sessionId}/agenda-items/{itemId}'],
      ['post', '/v1/sessions/{sessionId}/agenda-approval'],
    ],
    load: async () => (await import('./agenda.js')).agendaRoutes,
  },
  {
    routes: [
      ['post', '/v1/sessions/{sessionId}/paper-uploads'],
      ['post', '/v1/sessions/{sessionId}/agenda-items/{itemId}/papers'],
      ['get', '/v1/sessions/{sessionId}/papers'],
      ['get', '/v1/sessions/{sessionId}/papers/{paperId}/download'],
      ['put', '/v1/sessions/{sessionId}/papers/{paperId}/keep'],
    ],
    load: async () => (await import('./papers.js')).paperRoutes,
  },
  {
    routes: [['get', '/public/sessions/{sessionId}/papers/{paperId}']],
    load: async () => (await import('./papers.js')).publicPaperRoutes,
  },
  {
    routes: [
      ['post', '/v1/sessions/{sessionId}/invitations'],
      ['post', '/v1/sessions/{sessionId}/invitations/{invitationId}/answer'],
      ['post', '/v1/sessions/{sessionId}/invitations/{invitationId}/confirmation'],
      ['delete', '/v1/sessions/{sessionId}/invitations/{invitationId}'],
      ['get', '/v1/sessions/{sessionId}/attendance'],
      ['get', '/v1/sessions/{sessionId}/inbound-mail'],
    ],
    load: async () => (await import('./invitations.js')).invitationRoutes,
  },
  {
    routes: [
      ['get', '/v1/sessions/{sessionId}/reachability'],
      ['get', '/v1/sessions/{sessionId}/reachability.csv'],
    ],
    load: async () => (await import('./reachability.js')).reachabilityRoutes,
  },
  {
    routes: [
      ['post', '/v1/sessions/{sessionId}/agenda-items/{itemId}/resolutions'],
      ['get', '/v1/sessions/{sessionId}/resolutions'],
      ['get', '/v1/resolutions/{resolutionId}'],
      ['patch', '/v1/resolutions/{resolutionId}'],
      ['put', '/v1/resolutions/{resolutionId}/votes'],
      ['put', '/v1/sessions/{sessionId}/votes'],
      ['post', '/v1/resolutions/{resolutionId}/decision'],
      ['post', '/v1/resolutions/{resolutionId}/statements'],
      ['post', '/v1/resolutions/{resolutionId}/corrections'],
      ['post', '/v1/resolutions/{resolutionId}/release-proposal'],
      ['post', '/v1/sessions/{sessionId}/release-proposal'],
      ['post', '/v1/resolutions/{resolutionId}/release-answers'],
    ],
    load: async () => (await import('./resolutions.js')).resolutionRoutes,
  },
  {
    routes: [
      ['get', '/v1/sessions/{sessionId}/protocol.html'],
      ['post', '/v1/sessions/{sessionId}/protocol/approval'],
    ],
    load: async () => (await import('./protocol.js')).protocolRoutes,
  },
  {
    routes: [
      ['post', '/v1/bodies/{bodyId}/written-procedures'],
      ['get', '/v1/bodies/{bodyId}/written-procedures'],
      ['get', '/v1/written-procedures/{procedureId}'],
      ['post', '/v1/written-procedures/{procedureId}/ballots/{ballotId}/answer'],
    ],
    load: async () => (await import('./written-procedures.js')).writtenProcedureRoutes,
  },
  {
    routes: [
      ['get', '/v1/written-procedures/{procedureId}/inbound-mail'],
      ['post', '/v1/sessions/{sessionId}/inbound-mail/{inboundId}/apply'],
      ['post', '/v1/sessions/{sessionId}/inbound-mail/{inboundId}/dismiss'],
      ['post', '/v1/written-procedures/{procedureId}/inbound-mail/{inboundId}/apply'],
      ['post', '/v1/written-procedures/{procedureId}/inbound-mail/{inboundId}/dismiss'],
    ],
    load: async () => (await import('./inbound-mail.js')).inboundMailRoutes,
  },
  {
    routes: [
      ['post', '/v1/press-releases'],
      ['get', '/v1/press-releases'],
      ['get', '/v1/press-releases/{releaseId}'],
      ['patch', '/v1/press-releases/{releaseId}'],
      ['post', '/v1/press-releases/{releaseId}/submission'],
      ['post', '/v1/press-releases/{releaseId}/return'],
      ['post', '/v1/press-releases/{releaseId}/publication'],
      ['post', '/v1/press-releases/{releaseId}/withdrawal'],
      ['post', '/public/press-list'],
    ],
    load: async () => (await import('./press-releases.js')).pressReleaseRoutes,
  },
  {
    routes: [
      ['get', '/oparl/v1'],
      ['get', '/oparl/v1/bodies'],
      ['get', '/oparl/v1/bodies/{bodyId}'],
      ['get', '/oparl/v1/bodies/{bodyId}/organizations'],
      ['get', '/oparl/v1/organizations/{bodyId}'],
      ['get', '/oparl/v1/bodies/{bodyId}/people'],
      ['get', '/oparl/v1/bodies/{bodyId}/people/{personId}'],
      ['get', '/oparl/v1/bodies/{bodyId}/memberships/{personId}'],
      ['get', '/oparl/v1/bodies/{bodyId}/meetings'],
      ['get', '/oparl/v1/meetings/{sessionId}'],
      ['get', '/oparl/v1/meetings/{sessionId}/location'],
      ['get', '/oparl/v1/meetings/{sessionId}/agenda-items/{itemId}'],
      ['get', '/oparl/v1/meetings/{sessionId}/files/{paperId}'],
      ['get', '/oparl/v1/bodies/{bodyId}/papers'],
      ['get', '/oparl/v1/papers/{resolutionId}'],
    ],
    load: async () => (await import('./oparl.js')).oparlRoutes,
  },
  {
    routes: [['get', '/v1/audit']],
    load: async () => (await import('./audit.js')).auditRoutes,
  },
  {
    routes: [
      ['get', '/v1/outbox'],
      ['post', '/v1/outbox/{outboxId}/retry'],
    ],
    load: async () => (await import('./outbox.js')).outboxRoutes,
  },
  {
    routes: [
      ['get', '/v1/staff'],
      ['post', '/v1/staff'],
      ['get', '/v1/staff/{staffId}'],
      ['patch', '/v1/staff/{staffId}'],
      ['delete', '/v1/staff/{staffId}'],
      ['post', '/v1/staff/{staffId}/sign-out'],
    ],
    load: async () => (await import('./staff.js')).staffRoutes,
  },
];
