import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDesign } from '../../shared/adapters/dynamodb/table-design.js';

/** What the repository reads with (see shared/adapters/dynamodb). */
export const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
/** What it writes with; transactions are authorised per contained action. */
export const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export interface DataTableProps {
  /** `prod` retains the table and protects it from deletion. */
  stage: string;
}

/**
 * The product's one DynamoDB table, built from the same design as the local
 * table: on-demand, point-in-time recovery, TTL, and a stream with old and
 * new images for the outbox and audit consumers.
 */
export class DataTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: string(tableDesign.partitionKey),
      sortKey: string(tableDesign.sortKey),
      globalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDesign.ttlAttribute,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /**
   * Lets a function read and write items, including through the indexes:
   * exactly the actions the repository calls (Get, Query, Put, Update, and
   * Delete and ConditionCheck inside transactions), never Scan or batch
   * writes. The grant names the table's `index/*`, which cdk-nag flags as a
   * wildcard; the acknowledgement sits here, beside the grant that needs it.
   */
  grantReadWriteData(grantee: IGrantable): void {
    this.grantActions(grantee, [...readActions, ...writeActions]);
  }

  /** Lets a function read items, including through the indexes; nothing else. */
  grantReadData(grantee: IGrantable): void {
    this.grantActions(grantee, readActions);
  }

  private grantActions(grantee: IGrantable, actions: readonly string[]): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/*`],
    });
    this.acknowledgeIndexWildcard(grantee);
  }

  private acknowledgeIndexWildcard(grantee: IGrantable): void {
    const principal = grantee.grantPrincipal;
    if (!Construct.isConstruct(principal)) return;
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement);
    Validations.of(principal).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason:
        "Queries on the GSIs of the product table; the wildcard covers only this table's indexes.",
    });
  }
}
