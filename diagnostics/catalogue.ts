// One catalogue of every diagnostic rbc reports. Codes are stable and never reused; bands:
// 1xxx blueprint file and schema, 2xxx model and references, 3xxx redundancy rules and policies,
// 4xxx generators and output, 5xxx command line. Messages state the fact first, then the fix.
// Placeholders are {0}, {1}, ... ; docs/diagnostics.md is generated from this file.

export type Category = 'error' | 'warning' | 'info';

export interface DiagnosticMessage {
  readonly code: number;
  readonly category: Category;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

const d = (code: number, category: Category, message: string, hint: string): DiagnosticMessage => ({ code, category, message, hint });

export const Diagnostics = {
  // 1xxx: reading the blueprint
  FileNotFound: d(1001, 'error', "Cannot read blueprint '{0}': {1}.", 'Check the path; a blueprint is a .yaml, .yml, .json or .ts file'),
  UnsupportedExtension: d(1002, 'error', "Blueprint '{0}' has an unsupported extension.", 'Use .yaml, .yml, .json or .ts'),
  NotUtf8: d(1003, 'error', 'The file is not valid UTF-8.', 'Save it as UTF-8'),
  FileTooLarge: d(1004, 'error', 'The file has {0} bytes, more than the limit of {1}.', 'Split the fleet into several blueprints; the limit keeps a runaway file from exhausting memory'),
  YamlSyntax: d(1005, 'error', 'YAML syntax error: {0}.', 'Fix the YAML at this position'),
  JsonSyntax: d(1006, 'error', 'JSON syntax error: {0}.', 'Fix the JSON at this position'),
  TooManyAliases: d(1007, 'error', 'The document expands too many YAML aliases ({0}).', 'Write the repeated parts out, or use fewer anchors and aliases'),
  TooDeep: d(1008, 'error', 'The document is nested deeper than {0} levels.', 'Flatten the structure; blueprints never need that depth'),
  EmptyFile: d(1009, 'error', 'The blueprint is empty.', 'Start from one of the examples in blueprints/: it needs rbc: 1, deployment, providers, sites and gateways'),
  UnknownKey: d(1010, 'error', "Unknown key '{0}' in {1}.", 'Remove it{2}'),
  MissingKey: d(1011, 'error', "Missing required key '{0}' in {1}.", 'Add it: {2}'),
  WrongType: d(1012, 'error', "'{0}' must be {1}.", 'Change the value to {1}'),
  BadValue: d(1013, 'error', "'{0}' is not one of the allowed values: {1}.", 'Use one of them{2}'),
  BadPattern: d(1014, 'error', "'{0}' does not match the expected form: {1}.", 'Write it as {1}'),
  BadId: d(1015, 'error', "'{0}' is not a valid id.", 'Ids are 1-48 lowercase letters, digits and inner hyphens (they become file names and config identifiers), e.g. gw-ulm-1'),
  OutOfRange: d(1016, 'error', "'{0}' is out of range: {1}.", 'Use a value {1}'),
  TooFew: d(1017, 'error', "'{0}' must have at least {1} item(s).", 'Add the missing entries'),
  Duplicate: d(1018, 'error', "'{0}' lists the same item twice.", 'Remove the repeated entry'),
  SchemaOther: d(1019, 'error', "'{0}' is invalid: {1}.", 'See docs/blueprint-reference.md'),
  PlaintextSecret: d(1020, 'error', "'{0}' looks like a plaintext secret.", 'Store it in AWS Secrets Manager or SSM and give a reference (aws-sm:NAME, ssm:/PATH or env:NAME); secrets never go into a blueprint'),
  UnsupportedVersion: d(1021, 'error', 'Blueprint format version {0} is not supported by this rbc.', 'Set rbc: 1'),
  TsAppFailed: d(1030, 'error', "The TypeScript app '{0}' failed: {1}.", 'Fix the app; its default export must be a Deployment construct or a function returning one'),
  TsAppNoDeployment: d(1031, 'error', "The TypeScript app '{0}' does not export a deployment.", 'Export default a Deployment construct (or a function returning one)'),

  // 2xxx: references and model consistency
  DuplicateId: d(2001, 'error', "Duplicate {0} id '{1}' (first defined at {2}).", 'Give each {0} its own id'),
  DanglingReference: d(2002, 'error', "{0} '{1}' does not exist{2}.", 'Refer to an existing {3}{4}'),
  WrongKindReference: d(2003, 'error', "'{0}' is a {1}, but a {2} is expected here.", 'Refer to a {2}'),
  StandbyCycle: d(2004, 'error', 'Standby chain forms a ring of more than two gateways: {0}.', 'Two gateways may stand in for each other (mutual standby, option 2); a longer ring cannot say who takes over whose sites, so break it'),
  MasterCycle: d(2005, 'error', 'Master/slave chain forms a cycle: {0}.', 'Give the chain one master at its top'),
  PlacementMismatch: d(2006, 'error', "Room '{0}' is in fire zone '{1}', not '{2}'.", 'Drop fireZone (it follows from the room) or correct it'),
  PlacementIncomplete: d(2007, 'error', 'A gateway of form {0} needs {1} in its placement.', 'Add {1}'),
  CloudWithoutCloud: d(2008, 'error', "Gateway '{0}' is placed in the cloud, but the blueprint has no cloud section.", 'Add a cloud: section with the account and regions'),
  CloudRegionUnknown: d(2009, 'error', "Cloud {0} '{1}' is not declared in cloud.regions.", 'Declare it there or correct the placement'),
  TrunkWithoutPath: d(2010, 'error', "Trunk '{0}' of kind {1} needs {2}.", 'Add {2}'),
  TrunkBlockForeign: d(2011, 'error', "Number block '{0}' carried by trunk '{1}' is not a block of site '{2}'.", 'List blocks of the trunk\'s own site'),
  SelfStandby: d(2012, 'error', "Gateway '{0}' is declared standby for itself.", 'Name another gateway'),
  ProviderKind: d(2013, 'error', "Provider '{0}' is of kind {1}, but {2} needs a {3}.", 'Refer to a provider of kind {3}'),
  MissingEmergencyLocation: d(2014, 'warning', "Site '{0}' has no emergency location.", 'Add emergency.location with street, postal code, city, floor and area, or emergency calls cannot be dispatched'),
  ServiceNotHosted: d(2015, 'warning', "Service '{0}' runs on no host.", 'List its hosts, or add its kind to a gateway\'s services'),
  AcknowledgementTarget: d(2016, 'error', "Acknowledgement target '{0}' matches no construct.", 'Use a construct path such as sites/ulm or gateways/gw-a (see rbc check --json)'),
  ConstructValidation: d(2017, 'error', '{0}.', 'Correct the construct props'),
  NoPower: d(2018, 'error', "Site '{0}' has no power source for {1}.", 'Add a mains feed or UPS'),
  FormerIdInUse: d(2019, 'error', "Gateway '{0}' gives '{1}' as its former id, but '{1}' is a gateway of this blueprint.", 'A former id must be free: remove formerId once the rename is applied, or correct it'),

  // 3xxx: redundancy rules and policies (rule findings carry their rule id as well)
  PolicyViolated: d(3001, 'error', "Policy '{0}' is violated at site '{2}': {1} under '{4}': {3}.", 'Add the missing redundancy or change the promise; see rbc explain'),
  PolicyRpoViolated: d(3002, 'error', "Policy '{0}' demands backups every {1} h, but gateway '{2}' {3}.", 'Schedule backups at least that often'),
  RuleFinding: d(3100, 'warning', '{0}', '{1}'),
  RuleFailed: d(3101, 'error', "Rule '{0}' failed on this blueprint: {1}.", 'This is a bug in rbc; acknowledge the rule to proceed and report it'),
  AcknowledgementExpired: d(3102, 'warning', "Acknowledgement of {0} on '{1}' expired on {2}; the finding shows again.", 'Review the risk and renew or remove the acknowledgement'),
  AcknowledgementUnused: d(3103, 'warning', "Acknowledgement of {0} on '{1}' matches no finding.", 'Remove it'),

  // 4xxx: generators and output
  GeneratorFailed: d(4001, 'error', "Generator '{0}' failed: {1}.", 'This is a bug in rbc or in a custom template; the previous output is untouched'),
  DuplicateArtifact: d(4002, 'error', "Two generators write '{0}'.", 'This is a bug in rbc'),
  UnsafeValue: d(4003, 'error', "Value {0} of '{1}' cannot go into a {2} config: it must be {3}.", 'Correct the blueprint value'),
  TemplateError: d(4004, 'error', "Template '{0}' failed: {1}.", 'Fix the template'),
  OutputNotWritable: d(4005, 'error', "Cannot write output '{0}': {1}.", 'Check the directory and its permissions; the previous output is untouched'),
  OutputNotRbc: d(4006, 'error', "Output directory '{0}' exists and was not written by rbc.", 'Choose an empty directory or a previous rbc output'),

  // 41xx: the terraform generator
  TerraformNoPublicAddress: d(4101, 'warning', "Gateway '{0}' has no public IPv4 address, so Route 53 cannot health-check it; no DNS failover to '{1}' is generated.", 'Give it a public address (e.g. its SBC), or switch by hand as the runbook says'),
  TerraformVpnWithoutPublicIp: d(4102, 'warning', "Uplink '{0}' of site '{1}' carries a VPN to the cloud but has no public IPv4 address; no VPN connection is generated for it.", 'Add its publicIp, or set vpn: false'),
  TerraformVpnWithoutCidr: d(4103, 'warning', "Uplink '{0}' of site '{1}' carries a VPN to the cloud but has no cidr; the cloud gateways do not admit that site network.", 'Add the site network routed through the tunnel as cidr'),
  TerraformNoDnsZone: d(4104, 'warning', "Gateway '{0}' fails over by DNS, but the cloud section has no dnsZone; no Route 53 health checks or failover records are generated.", 'Add cloud.dnsZone'),
  TerraformHealthCheckInterval: d(4105, 'warning', "Route 53 cannot probe every {0} s; the health checks of '{1}' probe every {2} s.", 'Set probeIntervalSeconds to 10 or 30'),
  TerraformSummarisedCidrs: d(4106, 'info', "{0} would need {1} network entries; they are summarised to {2}.", 'Nothing to do unless the summary admits networks it should not; then split the fleet'),
  TerraformSecondStandby: d(4107, 'warning', "Gateway '{0}' has more than one standby that fails over by DNS; Route 53 answers with '{1}' as secondary, '{2}' is reached only through SRV records.", 'Keep one DNS standby per primary, or accept the order'),
  TerraformNoCallingRegion: d(4108, 'warning', "Cloud trunk '{0}' has no country to call: no site it serves has an emergency location and it lists no emergency areas; no termination is generated.", 'Add the emergency location of the sites, or emergency areas to the trunk'),
  TerraformPublicSourcesDropped: d(4110, 'warning', "The security group of '{0}' cannot list the {1} public addresses of its sites and trunks; it admits them only through the VPNs and the private networks.", 'Reach the gateway over the site VPNs, or put a session border controller in front of it'),
  TerraformAddressOutsideSubnet: d(4111, 'warning', "Cloud gateway '{0}' has address {1}, which is not a usable address of its subnet {2}; AWS assigns one.", 'Give an address inside the subnet of its availability zone, or leave address out'),
  TerraformBackupBelowHour: d(4109, 'warning', 'A policy demands backups every {0} h; AWS Backup runs at most hourly.', 'Relax backupRpoHours to 1 h or more, or add continuous replication outside rbc'),

  // 42xx: the devices generator
  DeviceDialectNotApplicable: d(4201, 'warning', "Gateway '{0}' lists config '{1}', but {2}; no {1} files are generated for it.", '{3}'),
  DeviceNoEmergencyRoute: d(4202, 'warning', "SIP edge '{0}' routes to no gateway with an emergency-capable trunk valid for {1}; its emergency calls go to the normal gateways.", 'Give one of the gateways it routes to an emergency-capable trunk listing the emergency area of those sites'),

  // 5xxx: command line
  Usage: d(5001, 'error', '{0}.', 'See rbc --help'),

  // 51xx: rbc diff
  DiffArguments: d(5101, 'error', '{0}.', 'Use rbc diff OLD NEW (each an rbc output directory or a blueprint), or rbc diff --base REF BLUEPRINT'),
  DiffSideMissing: d(5102, 'error', "Cannot read '{0}': {1}.", 'Give an rbc output directory or a blueprint file that exists'),
  DiffSideUnknown: d(5103, 'error', "'{0}' is neither an rbc output directory nor a blueprint.", 'Give a directory written by rbc compile (it holds manifest.json) or a .yaml, .yml, .json or .ts blueprint'),
  DiffOutputCorrupt: d(5104, 'error', "'{0}' is not a readable rbc output: {1}.", 'Compile it again with rbc compile'),
  DiffOutputEdited: d(5105, 'warning', "Output directory '{0}' differs from its manifest: {1}.", 'It was changed after rbc wrote it; compile it again, or review the edits the diff shows'),
  DiffBlueprintFailed: d(5106, 'error', "Blueprint '{0}' does not compile ({1} error(s)).", 'Fix the errors above; rbc check shows them with positions'),
  DiffOldSideFailed: d(5107, 'warning', "The old side '{0}' does not compile ({1} error(s)); it is compared as empty.", 'Everything on the new side shows as added'),
  GitUnavailable: d(5108, 'error', 'Cannot run git: {0}.', 'Install git, or compile both revisions with rbc compile and diff the output directories'),
  NotInGitRepository: d(5109, 'error', "'{0}' is not inside a git repository.", 'Run rbc diff --base on a blueprint in a git clone, or compare two blueprints or output directories'),
  GitRefUnknown: d(5110, 'error', "Git ref '{0}' does not name a commit in {1}.", 'Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0) or correct the name'),
  BaseTypeScriptApp: d(5111, 'error', "--base cannot compile the TypeScript app '{0}' as it was in '{1}'.", 'Compile both revisions with rbc compile and diff the two output directories'),
  BaseBlueprintNew: d(5112, 'info', "'{0}' does not exist in '{1}'; it is compared with an empty side.", 'Everything in it shows as added'),
  BadFailOn: d(5113, 'error', "'{0}' is not a --fail-on level.", 'Use one or more of {1}, separated by commas'),
  BadMaxChars: d(5114, 'error', "--max-chars must be a whole number from {1} to {2}, got '{0}'.", 'GitHub accepts pull-request comments of up to 65536 characters'),
} as const;

export type DiagnosticName = keyof typeof Diagnostics;
