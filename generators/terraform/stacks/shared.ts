// The shared stack: what the whole deployment uses once. The DNS zone, the alert topics (one per
// region that raises alarms, because an alarm can only notify a topic in its own region), the
// configuration-backup bucket with its replica, and AWS Backup vaults and plans.
import {
  BackupPlan,
  BackupSelection,
  BackupVault,
  BackupVaultNotifications,
  IamPolicy,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
  Route53Zone,
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketReplicationConfigurationA,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
  SnsTopic,
  SnsTopicPolicy,
  SnsTopicSubscription,
  TerraformOutput,
  type TerraformStack,
} from '../cdk.js';
import { awsName, lid } from '../names.js';
import { CONFIG_VERSION_RETENTION_DAYS } from '../plan.js';
import { arnPartition, createStack, nameTags, policyJson, type BuildContext } from './common.js';

/** Values of the shared stack, each for use in a given (consuming) stack. */
export interface SharedRefs {
  readonly stack: TerraformStack;
  /** ARN of the alert topic in a region. */
  topicArn(region: string, consumer: TerraformStack): string;
  readonly zoneId: ((consumer: TerraformStack) => string) | null;
  readonly bucketArn: ((consumer: TerraformStack) => string) | null;
  readonly bucketKeyArn: ((consumer: TerraformStack) => string) | null;
}

const ROOT = (account: string) => ({ AWS: `arn:${arnPartition}:iam::${account}:root` });

/**
 * Key policy: the account administers the key through IAM. With `publishers`, CloudWatch (only
 * on behalf of this account) and AWS Backup may encrypt messages for an alert topic.
 */
function keyPolicy(account: string, publishers = false): string {
  const use = { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' };
  return policyJson([
    { Sid: 'AccountAdministration', Effect: 'Allow', Principal: ROOT(account), Action: 'kms:*', Resource: '*' },
    ...(publishers
      ? [
          { Sid: 'AlarmsEncrypt', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, ...use, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
          { Sid: 'BackupEncrypt', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, ...use },
        ]
      : []),
  ]);
}

export function buildSharedStack(ctx: BuildContext): SharedRefs {
  const { plan } = ctx;
  const sp = plan.shared;
  const dep = plan.deployment;
  const stack = createStack(ctx, { name: sp.stack, site: 'shared', region: plan.homeRegion });
  const at = (path: string) => ({ path });
  const regionArg = (r: string) => (r === plan.homeRegion ? {} : { region: r });

  // --- alerts: one encrypted topic per region, mailed to the on-call ----------------------------
  const topics = new Map<string, SnsTopic>();
  for (const r of sp.alertRegions) {
    const key = ctx.add(stack, KmsKey, lid('alerts', r), {
      ...regionArg(r),
      description: `Encrypts the ${dep} alert topic in ${r}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy(plan.account, true),
      tags: nameTags(awsName(256, dep, 'alerts', r)),
    }, at('deployment'));
    ctx.add(stack, KmsAlias, lid('alerts', r, 'alias'), { ...regionArg(r), name: `alias/${awsName(200, dep, 'alerts')}`, targetKeyId: key.keyId }, at('deployment'));
    const topic = ctx.add(stack, SnsTopic, lid('alerts', r), {
      ...regionArg(r),
      name: sp.alertTopicName,
      displayName: `rbc ${dep}`.slice(0, 100),
      kmsMasterKeyId: key.arn,
      tags: nameTags(sp.alertTopicName),
    }, at('deployment'));
    topics.set(r, topic);
    const publish = (sid: string, service: string, sameAccount: boolean) => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sns:Publish',
      Resource: topic.arn,
      ...(sameAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': plan.account } } } : {}),
    });
    ctx.add(stack, SnsTopicPolicy, lid('alerts', r), {
      ...regionArg(r),
      arn: topic.arn,
      policy: policyJson([
        publish('AlarmsPublish', 'cloudwatch.amazonaws.com', true),
        publish('BackupPublish', 'backup.amazonaws.com', false),
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    }, at('deployment'));
    for (const email of sp.alertEmails) {
      ctx.add(stack, SnsTopicSubscription, lid('alerts', r, email.replace(/[^A-Za-z0-9]/g, '-')), {
        ...regionArg(r),
        topicArn: topic.arn,
        protocol: 'email',
        endpoint: email,
      }, at('monitoring'));
    }
  }

  // One token per value and consumer: every attribute access creates a new token.
  const topicArns = new Map([...topics].map(([r, t]) => [r, ctx.exported(t, 'arn', t.arn)]));

  // --- DNS zone for the SIP records ----------------------------------------------------------------
  let zone: Route53Zone | null = null;
  if (sp.zone) {
    zone = ctx.add(stack, Route53Zone, 'sip', {
      name: sp.zone,
      comment: `SIP records of ${dep}, managed by rbc`,
      tags: nameTags(sp.zone),
    }, at('cloud'));
    new TerraformOutput(stack, 'dns_name_servers', { value: zone.nameServers, description: `Delegate ${sp.zone} to these name servers` });
  }

  // --- configuration backups in S3 -------------------------------------------------------------
  let bucketArn: SharedRefs['bucketArn'] = null;
  let bucketKeyArn: SharedRefs['bucketKeyArn'] = null;
  if (sp.configBucket) {
    const hardened = (id: string, name: string, region: string) => {
      const key = ctx.add(stack, KmsKey, lid('config_backups', id), {
        ...regionArg(region),
        description: `Encrypts the configuration backups of ${dep} (${name})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: keyPolicy(plan.account),
        tags: nameTags(name),
      }, at('cloud'));
      const bucket = ctx.add(stack, S3Bucket, lid('config_backups', id), { ...regionArg(region), bucket: name, forceDestroy: false, tags: nameTags(name) }, at('cloud'));
      ctx.add(stack, S3BucketOwnershipControls, lid('config_backups', id), { ...regionArg(region), bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, at('cloud'));
      ctx.add(stack, S3BucketPublicAccessBlock, lid('config_backups', id), {
        ...regionArg(region),
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }, at('cloud'));
      const versioning = ctx.add(stack, S3BucketVersioningA, lid('config_backups', id), { ...regionArg(region), bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, at('cloud'));
      ctx.add(stack, S3BucketServerSideEncryptionConfigurationA, lid('config_backups', id), {
        ...regionArg(region),
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
      }, at('cloud'));
      ctx.add(stack, S3BucketLifecycleConfiguration, lid('config_backups', id), {
        ...regionArg(region),
        bucket: bucket.id,
        rule: [{
          id: 'previous-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionTransition: [{ noncurrentDays: 30, storageClass: 'STANDARD_IA' }],
          noncurrentVersionExpiration: [{ noncurrentDays: CONFIG_VERSION_RETENTION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        }],
        dependsOn: [versioning],
      }, at('cloud'));
      ctx.add(stack, S3BucketPolicy, lid('config_backups', id), {
        ...regionArg(region),
        bucket: bucket.id,
        policy: policyJson([
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'DenyOutdatedTls', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
        ]),
      }, at('cloud'));
      return { key, bucket, versioning };
    };
    const cb = sp.configBucket;
    const source = hardened('primary', cb.name, cb.region);
    bucketArn = ctx.exported(source.bucket, 'arn', source.bucket.arn);
    bucketKeyArn = ctx.exported(source.key, 'arn', source.key.arn);
    // On-premises gateways upload through an identity the integrator provides (e.g. IAM Roles
    // Anywhere); this policy is what that identity may do: write and read its own prefix.
    for (const w of cb.onPremisesWriters) {
      const policy = ctx.add(stack, IamPolicy, lid('config_backups', w.gateway), {
        name: awsName(128, dep, w.gateway, 'config-backup'),
        description: `Lets on-premises gateway ${w.gateway} upload its configuration backups`,
        policy: policyJson([
          { Sid: 'WriteOwnBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${source.bucket.arn}/${w.gateway}/*` },
          { Sid: 'ListOwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: source.bucket.arn, Condition: { StringLike: { 's3:prefix': [`${w.gateway}/*`] } } },
          { Sid: 'BackupEncryption', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: source.key.arn, Condition: { StringEquals: { 'kms:ViaService': `s3.${cb.region}.amazonaws.com` } } },
        ]),
      }, at(w.path));
      new TerraformOutput(stack, lid('config_backups', w.gateway, 'policy'), { value: policy.arn, description: `Attach to the identity gateway ${w.gateway} uploads its backups with` });
    }
    new TerraformOutput(stack, 'config_backup_bucket', { value: source.bucket.bucket, description: 'Bucket for gateway configuration backups; one prefix per gateway' });
    if (cb.replica) {
      const replica = hardened('replica', cb.replica.name, cb.replica.region);
      const role = ctx.add(stack, IamRole, 'config_backups_replication', {
        name: awsName(64, dep, 'config-backups-replication'),
        description: `Replicates the configuration backups of ${dep} to ${cb.replica.region}`,
        assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': plan.account } } }]),
      }, at('cloud'));
      ctx.add(stack, IamRolePolicy, 'config_backups_replication', {
        role: role.id,
        name: 'replicate-config-backups',
        policy: policyJson([
          { Sid: 'ReadSource', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source.bucket.arn },
          { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${source.bucket.arn}/*` },
          { Sid: 'WriteReplica', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${replica.bucket.arn}/*` },
          { Sid: 'DecryptSource', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.key.arn, Condition: { StringLike: { 'kms:ViaService': `s3.${cb.region}.amazonaws.com` } } },
          { Sid: 'EncryptReplica', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: replica.key.arn, Condition: { StringLike: { 'kms:ViaService': `s3.${cb.replica.region}.amazonaws.com` } } },
        ]),
      }, at('cloud'));
      ctx.add(stack, S3BucketReplicationConfigurationA, 'config_backups', {
        bucket: source.bucket.id,
        role: role.arn,
        rule: [{
          id: 'geo-replica',
          status: 'Enabled',
          filter: {},
          deleteMarkerReplication: { status: 'Enabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: { bucket: replica.bucket.arn, storageClass: 'STANDARD_IA', encryptionConfiguration: { replicaKmsKeyId: replica.key.arn } },
        }],
        dependsOn: [source.versioning, replica.versioning],
      }, at('cloud'));
    }
  }

  // --- AWS Backup of the cloud gateways --------------------------------------------------------
  if (sp.backup) {
    const bp = sp.backup;
    const role = ctx.add(stack, IamRole, 'backup', {
      name: awsName(64, dep, 'aws-backup'),
      description: `AWS Backup of the ${dep} cloud gateways`,
      assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    }, at('cloud'));
    for (const managed of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      ctx.add(stack, IamRolePolicyAttachment, lid('backup', managed), { role: role.name, policyArn: `arn:${arnPartition}:iam::aws:policy/service-role/${managed}` }, at('cloud'));
    }
    const vaults = new Map<string, BackupVault>();
    for (const v of bp.vaults) {
      const key = ctx.add(stack, KmsKey, lid('backup', v.region), {
        ...regionArg(v.region),
        description: `Encrypts the ${dep} backup vault in ${v.region}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: keyPolicy(plan.account),
        tags: nameTags(v.name),
      }, at('cloud'));
      const vault = ctx.add(stack, BackupVault, lid('backup', v.region), { ...regionArg(v.region), name: v.name, kmsKeyArn: key.arn, forceDestroy: false, tags: nameTags(v.name) }, at('cloud'));
      vaults.set(v.region, vault);
      ctx.add(stack, BackupVaultNotifications, lid('backup', v.region), {
        ...regionArg(v.region),
        backupVaultName: vault.name,
        snsTopicArn: topicArns.get(v.region)!(stack),
        backupVaultEvents: ['BACKUP_JOB_COMPLETED', 'COPY_JOB_FAILED', 'RESTORE_JOB_COMPLETED'],
      }, at('cloud'));
    }
    for (const v of bp.vaults) {
      if (v.copyTo === null && !plan.regions.some((r) => r.id === v.region && r.gateways.length > 0)) continue;
      const name = awsName(50, dep, 'gateways', v.region);
      const lifecycle = { deleteAfter: bp.retentionDays };
      const planRes = ctx.add(stack, BackupPlan, lid('gateways', v.region), {
        ...regionArg(v.region),
        name,
        rule: [{
          ruleName: `every-${bp.intervalHours}h`,
          targetVaultName: vaults.get(v.region)!.name,
          schedule: bp.schedule,
          scheduleExpressionTimezone: 'Etc/UTC',
          startWindow: bp.startWindowMinutes,
          completionWindow: bp.completionWindowMinutes,
          lifecycle,
          recoveryPointTags: { deployment: dep, 'managed-by': 'rbc' },
          ...(v.copyTo ? { copyAction: [{ destinationVaultArn: vaults.get(v.copyTo)!.arn, lifecycle }] } : {}),
        }],
        tags: nameTags(name, { 'rbc:rpo-hours': String(bp.rpoHours) }),
      }, at('cloud'));
      ctx.add(stack, BackupSelection, lid('gateways', v.region), {
        ...regionArg(v.region),
        name: awsName(50, dep, 'gateways'),
        planId: planRes.id,
        iamRoleArn: role.arn,
        resources: [`arn:${arnPartition}:ec2:${v.region}:${plan.account}:instance/*`],
        condition: [{ stringEquals: [{ key: `aws:ResourceTag/${bp.selectionTag.key}`, value: bp.selectionTag.value }] }],
      }, at('cloud'));
    }
  }

  return {
    stack,
    topicArn: (r: string, consumer: TerraformStack) => {
      const arn = topicArns.get(r);
      if (!arn) throw new Error(`no alert topic in ${r}`);
      return arn(consumer);
    },
    zoneId: zone ? ctx.exported(zone, 'zone_id', zone.zoneId) : null,
    bucketArn,
    bucketKeyArn,
  };
}
