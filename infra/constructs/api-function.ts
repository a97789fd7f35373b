import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../../shared/observability/sweep-report.js';
import { bundlingSettings } from './bundling.js';

export interface ApiFunctionProps {
  /** The TypeScript entry file, relative to the repository root. */
  entry: string;
  handler?: string;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  stage: string;
  /** Files to ship beside the bundle, by name, with their content (e.g. a prebuilt document). */
  bundledFiles?: Record<string, string>;
  /** Folders to ship beside the bundle: target name → folder, relative to the repository root. */
  bundledFolders?: Record<string, string>;
  /** Files to copy beside the bundle as they are: target name → file, relative to the repository root. */
  bundledCopies?: Record<string, string>;
  /** Adds the AWS Parameters and Secrets extension, through which the function reads its secrets. */
  readsSecrets?: boolean;
}

const plainName = (name: string) => {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`'${name}' is not a plain file name.`);
  return name;
};

/**
 * Writes the files to a scratch folder and copies them, the folders and the
 * copied files beside the bundle after esbuild ran.
 */
const copyFilesHook = (
  files: Record<string, string>,
  folders: Record<string, string>,
  copies: Record<string, string>,
): ICommandHooks => {
  const scratch = mkdtempSync(join(tmpdir(), 'function-files-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(scratch, plainName(name)), content);
  }
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      ...Object.keys(files).map((name) => `cp "${join(scratch, name)}" "${join(outputDir, name)}"`),
      ...Object.entries(folders).map(
        ([name, from]) => `cp -R "${join(inputDir, from)}" "${join(outputDir, plainName(name))}"`,
      ),
      ...Object.entries(copies).map(
        ([name, from]) => `cp "${join(inputDir, from)}" "${join(outputDir, plainName(name))}"`,
      ),
    ],
  };
};

/**
 * One Lambda function with the house defaults: Node.js 24 on arm64, an
 * esbuild bundle (minified, source maps, ESM, only the SDK clients it
 * imports), its own log group, JSON logs. Every function of the product is
 * built through this construct; permissions are granted per function.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.stage === 'prod' ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this function's log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}`,
    });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      role,
      ...(props.readsSecrets
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(
              ParamsAndSecretsVersions.V1_0_103,
              {
                cacheSize: 10,
                logLevel: ParamsAndSecretsLogLevel.WARN,
              },
            ),
          }
        : {}),
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      // JSON on the platform too: the runtime's own lines (start, end, report) are queryable beside ours.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2:
        props.stage === 'prod' ? ApplicationLogLevel.INFO : ApplicationLogLevel.DEBUG,
      systemLogLevelV2: SystemLogLevel.INFO,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: id,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        ...props.environment,
      },
      bundling: {
        ...bundlingSettings,
        ...(props.bundledFiles === undefined &&
        props.bundledFolders === undefined &&
        props.bundledCopies === undefined
          ? {}
          : {
              commandHooks: copyFilesHook(
                props.bundledFiles ?? {},
                props.bundledFolders ?? {},
                props.bundledCopies ?? {},
              ),
            }),
        mainFields: [...bundlingSettings.mainFields],
        format: OutputFormat.ESM,
        // Bundle the SDK clients we import instead of the runtime's copy: pinned and tree-shaken.
        externalModules: [],
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
