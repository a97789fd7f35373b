import type { RouteGroup } from '../lazy-routes.js';

/**
 * The routes of the renderer function, by module, each loaded with its
 * first request: the public PDF of released resolutions loads pdfkit, not
 * the folder's pdf-lib or the press steps' Markdown renderer. A test checks
 * them against the modules.
 */
export const rendererRouteGroups: readonly RouteGroup[] = [
  {
    routes: [['get', '/public/sessions/{sessionId}/resolutions.pdf']],
    load: async () => (await import('./resolutions-pdf.js')).resolutionsPdfRoutes,
  },
  {
    routes: [['get', '/v1/sessions/{sessionId}/protocol.pdf']],
    load: async () => (await import('./protocol-pdf.js')).protocolPdfRoutes,
  },
  {
    routes: [['get', '/v1/sessions/{sessionId}/folder.pdf']],
    load: async () => (await import('./session-folder.js')).sessionFolderRoutes,
  },
  {
    routes: [
      ['post', '/v1/press-releases/{releaseId}/approval'],
      ['post', '/v1/press-releases/{releaseId}/corrections'],
      ['post', '/v1/press-releases/{releaseId}/correction-approval'],
      ['get', '/v1/press-releases/{releaseId}/preview'],
    ],
    load: async () => (await import('./press-render.js')).pressRenderRoutes,
  },
  {
    routes: [
      ['get', '/console/sessions/{sessionId}/folder.pdf'],
      ['get', '/console/sessions/{sessionId}/protocol.pdf'],
    ],
    load: async () => (await import('./session-folder.js')).consoleDocumentRoutes,
  },
];
