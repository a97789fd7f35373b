import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { AssetStaging, CustomResourceProviderBase, type Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';

const require = createRequire(import.meta.url);

/** A resource of a synthesized CloudFormation template. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface Template {
  Resources: Record<string, TemplateResource>;
}

/**
 * How the deployed stack invokes a function, read from the resources that
 * point at it: the kinds the rehearsal has events for, or any other name
 * (`eventbridge`, `function-url`, a service principal…), which it has none for.
 */
export type TriggerKind = 'http' | 'sqs' | 'sns' | 'ses' | 'schedule' | 'cognito' | (string & {});

/** One product function as the template deploys it, with its bundle in the assembly. */
export interface DeployedFunction {
  logicalId: string;
  /** The construct path below the stack, e.g. `Mailer/Function/Function`. */
  path: string;
  handler: string;
  runtime: string;
  architectures: string[];
  memorySize: number;
  timeoutSeconds: number;
  /** The unzipped asset folder in the cloud assembly. */
  assetDir: string;
  /** The environment as written in the template, intrinsics unresolved. */
  environment: Record<string, unknown>;
  triggers: TriggerKind[];
}

/** The resource types whose reference to a function makes it a trigger of that kind. */
const triggerTypes: Record<string, TriggerKind> = {
  'AWS::ApiGatewayV2::Integration': 'http',
  'AWS::ApiGateway::Method': 'rest-api',
  'AWS::SNS::Subscription': 'sns',
  'AWS::SES::ReceiptRule': 'ses',
  'AWS::Scheduler::Schedule': 'schedule',
  'AWS::Events::Rule': 'eventbridge',
  'AWS::Lambda::Url': 'function-url',
  'AWS::Pipes::Pipe': 'pipe',
  'AWS::StepFunctions::StateMachine': 'step-functions',
  'AWS::CloudFront::Distribution': 'cloudfront',
  'AWS::Cognito::UserPool': 'cognito',
};

/** Event source mappings by the type of their source. */
const sourceTypes: Record<string, TriggerKind> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::DynamoDB::Table': 'dynamodb-stream',
  'AWS::DynamoDB::GlobalTable': 'dynamodb-stream',
  'AWS::Kinesis::Stream': 'kinesis',
};

/** Services allowed to invoke a function (AWS::Lambda::Permission), by what they send. */
const principalKinds: Record<string, TriggerKind> = {
  'apigateway.amazonaws.com': 'http',
  'sns.amazonaws.com': 'sns',
  'ses.amazonaws.com': 'ses',
  'cognito-idp.amazonaws.com': 'cognito',
  // An EventBridge rule's target: the rule itself counts as the trigger.
  'events.amazonaws.com': 'eventbridge',
};

/**
 * The kinds of event the template sends a function: from the resources
 * that invoke it, and from the services its permissions let invoke it.
 */
export const triggersOf = (template: Template, logicalId: string): TriggerKind[] => {
  const kinds = Object.values(template.Resources).flatMap((resource): TriggerKind[] => {
    const props = resource.Properties ?? {};
    if (!refersTo(props, logicalId)) return [];
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      if (!refersTo(props.FunctionName, logicalId)) return [];
      const source = Object.entries(template.Resources).find(([id]) =>
        refersTo(props.EventSourceArn, id),
      )?.[1];
      return [
        sourceTypes[source?.Type ?? ''] ?? `event-source:${JSON.stringify(props.EventSourceArn)}`,
      ];
    }
    if (resource.Type === 'AWS::Lambda::Permission') {
      if (!refersTo(props.FunctionName, logicalId)) return [];
      const principal = String(props.Principal);
      return [principalKinds[principal] ?? principal];
    }
    const kind = triggerTypes[resource.Type];
    return kind === undefined ? [] : [kind];
  });
  return [...new Set(kinds)];
};

/**
 * What keeps functions out of the rehearsal: a function nothing in the
 * template invokes, or one invoked by a kind of event the rehearsal has no
 * representative event for.
 *
 * @example
 * ```ts
 * withoutRepresentativeEvent(functions, ['http', 'sqs']); // ['Worker/Function: eventbridge']
 * ```
 */
export const withoutRepresentativeEvent = (
  functions: readonly Pick<DeployedFunction, 'path' | 'triggers'>[],
  rehearsed: readonly TriggerKind[],
): string[] =>
  functions.flatMap((fn) =>
    fn.triggers.length === 0
      ? [`${fn.path}: nothing in the template invokes it`]
      : fn.triggers
          .filter((kind) => !rehearsed.includes(kind))
          .map((kind) => `${fn.path}: ${kind}`),
  );

/** Whether a value (deeply) holds a `Ref` or `Fn::GetAtt` to the logical id. */
export const refersTo = (value: unknown, logicalId: string): boolean => {
  if (Array.isArray(value)) return value.some((item) => refersTo(item, logicalId));
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.Ref === logicalId) return true;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
  return Object.values(record).some((item) => refersTo(item, logicalId));
};

const cdkLibDir = realpathSync(dirname(require.resolve('aws-cdk-lib/package.json')));

/**
 * The asset folders of the stack by hash, with the folder each was staged
 * from (when it still exists: CDK stages some from scratch folders).
 */
const stagedSources = (stack: Stack): Map<string, string> => {
  const sources = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof AssetStaging) {
      const source = existsSync(construct.sourcePath)
        ? realpathSync(construct.sourcePath)
        : construct.sourcePath;
      sources.set(construct.assetHash, source);
    }
  }
  return sources;
};

const isInside = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);

/**
 * Whether a function is one of CDK's own handlers rather than product code:
 * made by a custom-resource provider of the CDK core (the bucket's
 * auto-delete), or with code staged from inside the aws-cdk-lib package
 * (the provider framework, AwsCustomResource).
 */
const isCdkOwn = (construct: IConstruct | undefined, source: string | undefined) =>
  construct?.node.scopes.some((scope) => scope instanceof CustomResourceProviderBase) === true ||
  (source !== undefined && isInside(source, cdkLibDir));

/**
 * Every `AWS::Lambda::Function` of the stack that runs product code, with
 * what the template gives it. CDK's own custom-resource handlers are left
 * out: their code is staged from the aws-cdk-lib package. A function whose
 * code cannot be traced to a staged asset fails the discovery.
 */
export const deployedFunctions = (
  stack: Stack,
  assembly: CloudAssembly,
): { functions: DeployedFunction[]; cdkOwn: string[] } => {
  const artifact = assembly.getStackArtifact(stack.artifactId);
  const template = artifact.template as Template;
  const sources = stagedSources(stack);
  const constructs = new Map<string, IConstruct>();
  for (const construct of stack.node.findAll()) {
    if ('logicalId' in construct && 'cfnResourceType' in construct) {
      constructs.set(stack.resolve(construct.logicalId) as string, construct);
    }
  }
  const functions: DeployedFunction[] = [];
  const cdkOwn: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const props = resource.Properties ?? {};
    const code = props.Code as { S3Key?: unknown } | undefined;
    const key = typeof code?.S3Key === 'string' ? code.S3Key : undefined;
    const hash = key?.replace(/\.zip$/, '');
    const source = hash === undefined ? undefined : sources.get(hash);
    const construct = constructs.get(logicalId);
    if (isCdkOwn(construct, source)) {
      cdkOwn.push(logicalId);
      continue;
    }
    if (hash === undefined || source === undefined) {
      throw new Error(
        `${logicalId}: its code (${JSON.stringify(props.Code)}) is not a staged asset of the app, so the rehearsal cannot load it.`,
      );
    }
    const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    functions.push({
      logicalId,
      // The function construct's path below the stack, e.g. `Mailer/Function`.
      path: (construct?.node.scopes.at(-2)?.node.path ?? logicalId).replace(
        `${stack.node.path}/`,
        '',
      ),
      handler: String(props.Handler),
      runtime: String(props.Runtime),
      architectures: (props.Architectures as string[] | undefined) ?? ['x86_64'],
      memorySize: Number(props.MemorySize ?? 128),
      timeoutSeconds: Number(props.Timeout ?? 3),
      assetDir: join(assembly.directory, `asset.${hash}`),
      environment: variables ?? {},
      triggers: triggersOf(template, logicalId),
    });
  }
  return { functions, cdkOwn };
};

/**
 * The file a Lambda handler string names inside the asset (`index.handler`
 * → `index.mjs`, `index.js` or `index.cjs`, as the Node.js runtime looks),
 * or undefined when there is none.
 *
 * @example
 * ```ts
 * handlerFile('/cdk.out/asset.abc', 'index.handler'); // '/cdk.out/asset.abc/index.mjs'
 * ```
 */
export const handlerFile = (assetDir: string, handler: string): string | undefined => {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return ['.mjs', '.js', '.cjs']
    .map((extension) => join(assetDir, `${module}${extension}`))
    .find((file) => existsSync(file));
};

/** What an intrinsic resolves to in the rehearsal, by the referenced resource's type. */
export interface LocalResources {
  region: string;
  account: string;
  /** Ref → value, per resource type (e.g. a table's local name, a queue's stand-in URL). */
  ref: Record<string, (logicalId: string) => string>;
  /** Fn::GetAtt → value, per `Type.Attribute`. */
  getAtt: Record<string, (logicalId: string) => string>;
}

/**
 * Resolves the intrinsics of one environment value with the local
 * resources; anything it does not know fails, naming the variable, so a
 * new kind of reference is noticed instead of passed on as an object.
 */
export const resolveValue = (
  template: Template,
  local: LocalResources,
  value: unknown,
  where: string,
): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const unknown = () =>
    new Error(`${where}: the rehearsal does not know how to resolve ${JSON.stringify(value)}.`);
  if (typeof value !== 'object' || value === null) throw unknown();
  const entries = Object.entries(value);
  const [name, argument] = entries[0] ?? [];
  if (entries.length !== 1) throw unknown();
  if (name === 'Ref' && typeof argument === 'string') {
    const pseudo: Record<string, string> = {
      'AWS::Region': local.region,
      'AWS::AccountId': local.account,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (pseudo[argument] !== undefined) return pseudo[argument];
    const type = template.Resources[argument]?.Type;
    const resolve = type === undefined ? undefined : local.ref[type];
    if (resolve === undefined) throw unknown();
    return resolve(argument);
  }
  if (name === 'Fn::GetAtt' && Array.isArray(argument)) {
    const [id, attribute] = argument as [string, string];
    const resolve = local.getAtt[`${template.Resources[id]?.Type}.${attribute}`];
    if (resolve === undefined) throw unknown();
    return resolve(id);
  }
  if (name === 'Fn::Join' && Array.isArray(argument)) {
    const [separator, parts] = argument as [string, unknown[]];
    return parts.map((part) => resolveValue(template, local, part, where)).join(separator);
  }
  throw unknown();
};

/**
 * The CreateTable input for DynamoDB Local from a table resource of the
 * template (AWS::DynamoDB::Table or ::GlobalTable): key schema, attribute
 * definitions and global secondary indexes as deployed.
 */
export const createTableFromTemplate = (
  resource: TemplateResource,
  tableName: string,
): CreateTableCommandInput => {
  const props = resource.Properties ?? {};
  const indexes = (props.GlobalSecondaryIndexes ?? []) as {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }[];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions:
      props.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: props.KeySchema as CreateTableCommandInput['KeySchema'],
    ...(indexes.length === 0
      ? {}
      : {
          GlobalSecondaryIndexes: indexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
          })),
        }),
  };
};

/** A route of the HTTP API: its key and the function its integration invokes. */
export interface ApiRoute {
  method: string;
  path: string;
  authorization: string;
  functionId: string;
}

/** The HTTP API's routes with the function behind each, as API Gateway would dispatch them. */
export const apiRoutes = (template: Template): ApiRoute[] =>
  Object.values(template.Resources).flatMap((resource) => {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') return [];
    const props = resource.Properties ?? {};
    const [method = '', path = ''] = String(props.RouteKey).split(' ');
    const integrationId = Object.entries(template.Resources).find(
      ([id, other]) =>
        other.Type === 'AWS::ApiGatewayV2::Integration' && refersTo(props.Target, id),
    )?.[0];
    const uri = integrationId === undefined ? undefined : template.Resources[integrationId];
    const functionId = Object.entries(template.Resources).find(
      ([id, other]) =>
        other.Type === 'AWS::Lambda::Function' && refersTo(uri?.Properties?.IntegrationUri, id),
    )?.[0];
    if (functionId === undefined) return [];
    return [{ method, path, authorization: String(props.AuthorizationType ?? 'NONE'), functionId }];
  });

const segmentPattern = (segment: string) =>
  /^\{[^}+]+\+\}$/.test(segment)
    ? '(?<greedy>.+)'
    : /^\{[^}]+\}$/.test(segment)
      ? '[^/]+'
      : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The route API Gateway picks for a request: the most specific match, as
 * its HTTP APIs do (no greedy path variable before one, fewer variables
 * before more, a method before ANY), with the path parameters.
 */
export const matchRoute = (
  routes: readonly ApiRoute[],
  method: string,
  path: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined => {
  const candidates = routes.flatMap((route) => {
    if (route.method !== method && route.method !== 'ANY') return [];
    const segments = route.path.split('/');
    const pattern = new RegExp(`^${segments.map(segmentPattern).join('/')}$`);
    const match = pattern.exec(path);
    if (match === null) return [];
    const names = segments.filter((segment) => segment.startsWith('{'));
    const values = path.split('/');
    const pathParameters: Record<string, string> = {};
    segments.forEach((segment, index) => {
      const name = /^\{([^}+]+)\+?\}$/.exec(segment)?.[1];
      if (name === undefined) return;
      pathParameters[name] = segment.endsWith('+}')
        ? (match.groups?.greedy ?? '')
        : decodeURIComponent(values[index] ?? '');
    });
    const greedy = names.some((name) => name.endsWith('+}')) ? 1 : 0;
    const score = [greedy, names.length, route.method === 'ANY' ? 1 : 0, -segments.length];
    return [{ route, pathParameters, score }];
  });
  candidates.sort((a, b) => {
    for (let index = 0; index < a.score.length; index += 1) {
      const difference = (a.score[index] ?? 0) - (b.score[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const best = candidates[0];
  return best === undefined
    ? undefined
    : { route: best.route, pathParameters: best.pathParameters };
};
