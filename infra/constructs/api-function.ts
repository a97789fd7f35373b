import { createHash } from 'node:crypto';
import { AssetHashType, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../../shared/observability/sweep-report.js';
import { bundleEntryFile, bundleFunction } from './bundling.js';

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

/** The repository root: entries and copied files are relative to it. */
const repositoryRoot = process.cwd();

/**
 * The function's code: bundled in the synthesizing process by esbuild, with
 * the same settings as the benchmark (`bundleFunction`), and hashed by the
 * output, so an unchanged bundle is not uploaded again. The image is only
 * named because the CDK asks for one; local bundling always succeeds or throws.
 */
const functionCode = (props: ApiFunctionProps) =>
  Code.fromAsset(repositoryRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: Runtime.NODEJS_24_X.bundlingImage,
      // The CDK caches staged assets by their bundling options, in which the
      // local bundler's code does not show: the entry and extras must.
      environment: {
        FUNCTION_ENTRY: props.entry,
        FUNCTION_EXTRAS: createHash('sha256')
          .update(
            JSON.stringify([
              props.bundledFiles ?? {},
              props.bundledFolders ?? {},
              props.bundledCopies ?? {},
            ]),
          )
          .digest('hex'),
      },
      local: {
        tryBundle: (outputDir) => {
          bundleFunction(props.entry, outputDir, {
            root: repositoryRoot,
            files: props.bundledFiles,
            folders: props.bundledFolders,
            copies: props.bundledCopies,
          });
          return true;
        },
      },
    },
  });

/**
 * One Lambda function with the house defaults: Node.js 24 on arm64, an
 * esbuild bundle (minified, source maps, ESM, split so that what a request
 * may never need loads on first use; only the SDK clients it imports), its
 * own log group, JSON logs. Every function of the product is
 * built through this construct; permissions are granted per function.
 */
export class ApiFunction extends Construct {
  readonly function: LambdaFunction;

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
    this.function = new LambdaFunction(this, 'Function', {
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
      code: functionCode(props),
      handler: `${bundleEntryFile.replace(/\.mjs$/, '')}.${props.handler ?? 'handler'}`,
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
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
