import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import { assetSources } from '../../functions/http/console/assets.js';
import { swaggerUiFiles } from '../../functions/http/openapi/docs-page.js';
import { openApiFileName } from '../../functions/http/openapi/file-name.js';
import { productDocument } from '../../functions/http/openapi/product-document.js';
import type { StageContext } from '../bin/stage-context.js';
import { OperationsAlarms } from '../constructs/alarms.js';
import { ApiFunction } from '../constructs/api-function.js';
import { DataTable } from '../constructs/data-table.js';
import { ConferenceHttpApi } from '../constructs/http-api.js';
import { Identity } from '../constructs/identity.js';
import { InboundMail } from '../constructs/inbound-mail.js';
import { MailEvents } from '../constructs/mail-events.js';
import { Mailer } from '../constructs/mailer.js';
import { OperationsDashboard } from '../constructs/operations-dashboard.js';
import { OutgoingMail } from '../constructs/outgoing-mail.js';
import { PapersStorage } from '../constructs/papers-storage.js';
import { PublicEdge } from '../constructs/public-edge.js';
import { ScheduledJobs } from '../constructs/scheduled-jobs.js';

export interface ConferenceStackProps extends StackProps, StageContext {
  /** The WAF web ACL for the distribution, from the edge stack (us-east-1). */
  webAclArn: string;
  /** The certificate of the custom domain, from the edge stack (us-east-1). */
  certificate?: ICertificate | undefined;
  /** The receipt rule set all stages share (the mail rules stack). */
  receiptRuleSetName: string;
}

/**
 * The whole product in one deployable unit, composed of one construct per
 * concern: data, identity, mail, API and alarms.
 */
export class ConferenceStack extends Stack {
  constructor(scope: Construct, id: string, props: ConferenceStackProps) {
    super(scope, id, props);
    const { stage } = props;

    const data = new DataTable(this, 'Data', { stage });
    // The links in mails and the sign-in's callback point at the public
    // entrance, which is made after the functions (it needs the API): the
    // value is filled in at synth. The app client then depends on the
    // distribution, which depends only on the API itself, not on its routes
    // or functions: no cycle.
    let edge: PublicEdge | undefined;
    const publicBaseUrl = Lazy.string({
      produce: () => {
        if (edge === undefined) throw new Error('The public entrance was never made.');
        return edge.publicBaseUrl;
      },
    });
    const identity = new Identity(this, 'Identity', { stage, data, publicBaseUrl });
    const mail = new OutgoingMail(this, 'Mail', {
      stage,
      senderDomain: props.senderDomain,
      customDomain: props.customDomain,
    });

    const mailEnvironment = {
      SENDER_DOMAIN: props.senderDomain,
      SECRETARIAT_EMAIL: props.secretariatEmail,
      PUBLIC_BASE_URL: publicBaseUrl,
      LINK_SECRET_ARN: mail.linkKey.secretArn,
      LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
    };
    const httpEnvironment = {
      ...mailEnvironment,
      TABLE_NAME: data.table.tableName,
      JWT_ISSUER: identity.issuer,
      JWT_CLIENT_IDS: identity.client.userPoolClientId,
      USER_POOL_ID: identity.userPool.userPoolId,
    };
    const apiFunction = new ApiFunction(this, 'ApiFunction', {
      entry: 'functions/http/lambda.ts',
      description: 'Conference coordination HTTP API',
      stage,
      environment: httpEnvironment,
      readsSecrets: true,
    });
    data.grantReadWriteData(apiFunction.function);
    mail.linkKey.grantRead(apiFunction.function);
    identity.grantStaffAccounts(apiFunction.function);
    identity.grantSignIn(apiFunction.function);
    const mailer = new Mailer(this, 'Mailer', {
      data,
      mail,
      stage,
      environment: mailEnvironment,
      mailsPerSecond: props.mailsPerSecond,
    });
    const scheduledJobs = new ScheduledJobs(this, 'ScheduledJobs', {
      data,
      stage,
      failedEvents: mail.failedEvents,
    });
    const mailEvents = new MailEvents(this, 'MailEvents', { data, mail, stage });
    const inboundMail = new InboundMail(this, 'InboundMail', {
      data,
      mail,
      stage,
      senderDomain: props.senderDomain,
      receiptRuleSetName: props.receiptRuleSetName,
      environment: mailEnvironment,
    });

    const documentsFunction = new ApiFunction(this, 'DocumentsFunction', {
      entry: 'functions/http/documents-lambda.ts',
      description: 'Renders pages and files: link pages, calendars, released resolutions',
      stage,
      environment: httpEnvironment,
      readsSecrets: true,
      // The pages link the console's stylesheet by its content's hash (served by the console function).
      bundledCopies: { 'console.css': assetSources['console.css'] },
    });
    // The answer pages record answers, so this function writes too.
    data.grantReadWriteData(documentsFunction.function);
    mail.linkKey.grantRead(documentsFunction.function);

    const consoleFunction = new ApiFunction(this, 'ConsoleFunction', {
      entry: 'functions/http/console-lambda.ts',
      description: 'The console of the secretariat and the press office, and its assets',
      stage,
      environment: httpEnvironment,
      readsSecrets: true,
      // htmx from the pinned npm package and the console's own script and stylesheet.
      bundledCopies: assetSources,
    });
    data.grantReadWriteData(consoleFunction.function);
    mail.linkKey.grantRead(consoleFunction.function);
    identity.grantStaffAccounts(consoleFunction.function);
    identity.grantSignIn(consoleFunction.function);

    const rendererFunction = new ApiFunction(this, 'RendererFunction', {
      entry: 'functions/http/renderer-lambda.ts',
      description: 'Renders the PDF collection and approved press releases',
      stage,
      environment: httpEnvironment,
      readsSecrets: true,
      // The PDF library loads its standard-font metrics through the package's
      // `#standard-fonts/*` imports: ship them with a package.json that maps them.
      bundledFolders: { 'standard-fonts': 'node_modules/pdfkit/js/standard-fonts' },
      // The press preview page links the console's stylesheet by its content's hash.
      bundledCopies: { 'console.css': assetSources['console.css'] },
      bundledFiles: {
        'package.json': JSON.stringify({
          type: 'module',
          imports: { '#standard-fonts/*': './standard-fonts/*.cjs' },
        }),
      },
    });
    // Approval and corrections of press releases write.
    data.grantReadWriteData(rendererFunction.function);

    const docsFunction = new ApiFunction(this, 'DocsFunction', {
      entry: 'functions/http/docs-lambda.ts',
      description: 'Serves the OpenAPI document and its UI',
      stage,
      memorySize: 256,
      bundledFiles: { [openApiFileName]: JSON.stringify(productDocument()) },
      // The Swagger UI's files, from the pinned npm package: /docs loads nothing from elsewhere.
      bundledCopies: Object.fromEntries(
        Object.keys(swaggerUiFiles).map((name) => [name, `node_modules/swagger-ui-dist/${name}`]),
      ),
    });

    const http = new ConferenceHttpApi(this, 'Http', {
      handler: apiFunction.function,
      documents: documentsFunction.function,
      console: consoleFunction.function,
      renderer: rendererFunction.function,
      docs: docsFunction.function,
      userPool: identity.userPool,
      client: identity.client,
    });
    edge = new PublicEdge(this, 'Edge', {
      api: http.api,
      stage,
      webAclArn: props.webAclArn,
      customDomain: props.customDomain,
      certificate: props.certificate,
    });
    // The HTTP functions answer only requests that came through CloudFront.
    for (const fn of [apiFunction, documentsFunction, consoleFunction, rendererFunction]) {
      fn.function.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', edge.originVerify.secretArn);
      edge.originVerify.grantRead(fn.function);
    }

    // Papers and protocols: scanned by GuardDuty, shared only when clean. The
    // console's origin is the public entrance, filled in at synth like the links.
    const papers = new PapersStorage(this, 'Papers', {
      stage,
      data,
      failedEvents: mail.failedEvents,
      consoleOrigin: publicBaseUrl,
      uploadCheckers: [apiFunction, consoleFunction].map((fn) => {
        if (fn.function.role === undefined) throw new Error(`${fn.node.id} has no role.`);
        return fn.function.role;
      }),
      accessLogs: edge.accessLogs,
    });
    for (const fn of [apiFunction, consoleFunction]) {
      papers.grantObjectStore(fn.function);
      fn.function.addEnvironment('PAPERS_BUCKET', papers.bucket.bucketName);
    }
    // The personal download links of the mails are answered by the documents function.
    // The documents function serves the paper links, the renderer reads PDF papers into the folder.
    for (const fn of [documentsFunction, rendererFunction]) {
      papers.grantDownloads(fn.function);
      fn.function.addEnvironment('PAPERS_BUCKET', papers.bucket.bucketName);
    }
    // The retention sweep deletes papers and protocols whose time has come.
    papers.grantDelete(scheduledJobs.function.function);
    scheduledJobs.function.function.addEnvironment('PAPERS_BUCKET', papers.bucket.bucketName);

    const functions = {
      Api: apiFunction.function,
      Documents: documentsFunction.function,
      Console: consoleFunction.function,
      Renderer: rendererFunction.function,
      Docs: docsFunction.function,
      Mailer: mailer.function.function,
      ScheduledJobs: scheduledJobs.function.function,
      MailEvents: mailEvents.function.function,
      InboundMail: inboundMail.function.function,
      PreToken: identity.preTokenFunction.function,
      PaperScan: papers.scanFunction.function,
    };
    const alarms = new OperationsAlarms(this, 'Alarms', {
      api: http.api,
      deadLetterQueue: mail.deadLetterQueue,
      failedEvents: mail.failedEvents,
      alarmEmail: props.alarmEmail,
      functions,
      table: data.table,
      outbox: mail.queue,
      pipeName: mailer.pipe.name ?? '',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });

    const dashboard = new OperationsDashboard(this, 'Dashboard', {
      stage,
      api: http.api,
      distribution: edge.distribution,
      functions,
      outbox: mail.queue,
      deadLetterQueue: mail.deadLetterQueue,
      failedEvents: mail.failedEvents,
    });

    const region = Stack.of(this).region;
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output(
      'PublicUrl',
      edge.publicBaseUrl,
      'The public address: the links in mails, the API, /docs',
    );
    output(
      'DashboardUrl',
      `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboard.dashboard.dashboardName}`,
      'The operations dashboard',
    );
    output('DistributionId', edge.distribution.distributionId, 'The CloudFront distribution');
    mail.dnsRecords(region).forEach((record, index) => {
      output(`DnsRecord${index + 1}`, record.line, record.purpose);
    });
    output(
      'ReceiptRuleSet',
      props.receiptRuleSetName,
      `The shared receipt rule set; activate once: aws ses set-active-receipt-rule-set --rule-set-name ${props.receiptRuleSetName} --region ${region}`,
    );
    output('UserPoolId', identity.userPool.userPoolId, 'The staff user pool');
    output('UserPoolClientId', identity.client.userPoolClientId, 'The staff app client');
    output('TableName', data.table.tableName, 'The product table');
    output('PapersBucket', papers.bucket.bucketName, 'The papers and protocols bucket');
    output('OutboxQueueUrl', mail.queue.queueUrl, 'The outbox queue');
  }
}
