// The only module that names the CDK for Terraform packages. Provider resources are imported by
// deep path (lib/<resource>/index.js): the package's barrel costs seconds and hundreds of MB per
// process. Moving to the CDK Terrain fork (cdktn, @cdktn/provider-aws) changes these paths only.
export { App, Fn, LocalBackend, S3Backend, TerraformBackend, TerraformDataSource, TerraformElement, TerraformIterator, TerraformOutput, TerraformStack, Testing } from 'cdktf';
// Internals the fast stack rendering (synth.ts) shares with TerraformStack.toTerraform().
export { deepMerge } from 'cdktf/lib/util.js';
export { resolve as resolveTokens } from 'cdktf/lib/_tokens.js';
// The process-wide token registry, which synthesis scopes per stack (token-scope.ts).
export { TokenMap } from 'cdktf/lib/tokens/private/token-map.js';

export { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';

export { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
export { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
export { Route } from '@cdktf/provider-aws/lib/route/index.js';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
export { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
export { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
export { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
export { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
export { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
export { NetworkInterface } from '@cdktf/provider-aws/lib/network-interface/index.js';
export { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
export { Instance } from '@cdktf/provider-aws/lib/instance/index.js';
export { Ec2InstanceState } from '@cdktf/provider-aws/lib/ec2-instance-state/index.js';
export { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway/index.js';
export { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment/index.js';
export { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway/index.js';
export { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection/index.js';

export { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
export { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
export { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile/index.js';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';

export { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js';
export { DataAwsSecretsmanagerSecret } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret/index.js';
export { DataAwsIpRanges } from '@cdktf/provider-aws/lib/data-aws-ip-ranges/index.js';

export { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone/index.js';
export { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
export { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check/index.js';
export { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
export { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
export { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy/index.js';
export { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';

export { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
export { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
export { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
export { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
export { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
export { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
export { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
export { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration/index.js';

export { BackupVault } from '@cdktf/provider-aws/lib/backup-vault/index.js';
export { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan/index.js';
export { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection/index.js';
export { BackupVaultNotifications } from '@cdktf/provider-aws/lib/backup-vault-notifications/index.js';

export { ChimeVoiceConnector } from '@cdktf/provider-aws/lib/chime-voice-connector/index.js';
export { ChimeVoiceConnectorOrigination } from '@cdktf/provider-aws/lib/chime-voice-connector-origination/index.js';
export { ChimeVoiceConnectorTermination } from '@cdktf/provider-aws/lib/chime-voice-connector-termination/index.js';
export { ChimeVoiceConnectorLogging } from '@cdktf/provider-aws/lib/chime-voice-connector-logging/index.js';
