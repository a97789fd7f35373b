import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface HttpApiProps {
  /** The API function: every JSON route. */
  handler: IFunction;
  /** The documents function: rendered pages and files (link pages, calendars, released resolutions). */
  documents: IFunction;
  /** The console function: the staff's pages (signed in by cookie) and their assets. */
  console: IFunction;
  /** The renderer function: the PDF collection, and press approval, corrections and preview. */
  renderer: IFunction;
  /** The docs function: the OpenAPI document and its UI. */
  docs: IFunction;
  userPool: IUserPool;
  client: IUserPoolClient;
  /** Steady-state requests per second and burst of the default stage. */
  rateLimit?: number;
  burstLimit?: number;
}

/** Routes anyone may call (the browser sign-in checks its own cookies); everything else needs a staff token. */
const publicRoutes = [
  '/health',
  '/public/{proxy+}',
  '/oparl/v1',
  '/oparl/v1/{proxy+}',
  '/auth/{proxy+}',
];

/**
 * The HTTP API (API Gateway v2): staff routes behind a Cognito JWT
 * authorizer, public routes open, all served by the one API function, with
 * throttling and JSON access logs. The function verifies tokens again itself,
 * with the same code as locally.
 */
export class ConferenceHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    const integration = new HttpLambdaIntegration('ApiFunctionIntegration', props.handler);
    const documents = new HttpLambdaIntegration('DocumentsFunctionIntegration', props.documents);
    const docs = new HttpLambdaIntegration('DocsFunctionIntegration', props.docs);
    const renderer = new HttpLambdaIntegration('RendererIntegration', props.renderer);
    const consolePages = new HttpLambdaIntegration('ConsoleIntegration', props.console);
    const authorizer = new HttpUserPoolAuthorizer('Staff', props.userPool, {
      userPoolClients: [props.client],
    });

    this.api = new HttpApi(this, 'Gateway', {
      description: 'Conference coordination API',
      corsPreflight: {
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
        allowMethods: [CorsHttpMethod.ANY],
        allowOrigins: ['*'],
        exposeHeaders: ['ETag', 'Location', 'X-Request-Id'],
      },
      createDefaultStage: false,
    });
    this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    for (const path of publicRoutes) {
      this.api.addRoutes({
        path,
        methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD],
        integration,
      });
    }
    this.api.addRoutes({
      path: '/links/{proxy+}',
      methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD],
      integration: documents,
    });
    // The console signs people in by cookie, which the JWT authorizer cannot read: the
    // function verifies the session (and the CSRF token of every form) on each request.
    for (const path of ['/console', '/console/{proxy+}']) {
      this.api.addRoutes({
        path,
        methods: [HttpMethod.GET, HttpMethod.POST],
        integration: consolePages,
      });
    }
    this.api.addRoutes({
      path: '/assets/{file}',
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration: consolePages,
    });
    this.api.addRoutes({
      path: '/public/sessions/{sessionId}/resolutions',
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration: documents,
    });
    for (const path of [
      '/public/press-releases',
      '/public/press-releases/{releaseId}',
      '/public/feeds/{proxy+}',
      '/public/bodies/{bodyId}/sessions',
      '/public/bodies/{bodyId}/sessions.ics',
      '/public/sessions/{sessionId}',
    ]) {
      this.api.addRoutes({
        path,
        methods: [HttpMethod.GET, HttpMethod.HEAD],
        integration: documents,
      });
    }
    // The press list's form for browsers (the JSON POST /public/press-list stays with the API function).
    this.api.addRoutes({
      path: '/public/press-list/subscription',
      methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD],
      integration: documents,
    });
    for (const path of [
      '/v1/press-releases/{releaseId}/approval',
      '/v1/press-releases/{releaseId}/corrections',
      '/v1/press-releases/{releaseId}/correction-approval',
    ]) {
      this.api.addRoutes({ path, methods: [HttpMethod.POST], integration: renderer, authorizer });
    }
    this.api.addRoutes({
      path: '/v1/press-releases/{releaseId}/preview',
      methods: [HttpMethod.GET],
      integration: renderer,
      authorizer,
    });
    // The PDFs of a session for staff: by bearer token under /v1, by the console's cookie under /console.
    for (const path of [
      '/v1/sessions/{sessionId}/folder.pdf',
      '/v1/sessions/{sessionId}/protocol.pdf',
    ]) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration: renderer, authorizer });
    }
    for (const path of [
      '/console/sessions/{sessionId}/folder.pdf',
      '/console/sessions/{sessionId}/protocol.pdf',
    ]) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration: renderer });
    }
    this.api.addRoutes({
      path: '/public/sessions/{sessionId}/resolutions.pdf',
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration: renderer,
    });
    for (const path of ['/openapi.json', '/docs', '/docs/{file}']) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration: docs });
    }
    this.api.addRoutes({
      path: '/v1/sessions/{sessionId}/calendar.ics',
      methods: [HttpMethod.GET],
      integration: documents,
      authorizer,
    });
    this.api.addRoutes({
      path: '/v1/{proxy+}',
      methods: [
        HttpMethod.GET,
        HttpMethod.POST,
        HttpMethod.PATCH,
        HttpMethod.PUT,
        HttpMethod.DELETE,
      ],
      integration,
      authorizer,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public routes (health, docs, public feeds, signed mail links) are open by design; the console verifies its session cookie in the function; every /v1 route has the Cognito JWT authorizer.',
    });
  }
}
