// The Terraform rules, sorted by id; ids are stable and never reused.
import { rule as t001 } from './t001-management-open-to-world.js';
import { rule as t002 } from './t002-sip-open-to-world.js';
import { rule as t003 } from './t003-imds-v1.js';
import { rule as t004 } from './t004-unencrypted-ebs.js';
import { rule as t005 } from './t005-unprotected-bucket.js';
import { rule as t006 } from './t006-unencrypted-topic.js';
import { rule as t007 } from './t007-hot-standby-same-az.js';
import { rule as t008 } from './t008-dns-failover-too-slow.js';
import { rule as t009 } from './t009-health-check-invalid.js';
import { rule as t010 } from './t010-alarm-without-action.js';
import { rule as t011 } from './t011-backup-misses-rpo.js';
import { rule as t012 } from './t012-weak-vpn-crypto.js';
import { rule as t013 } from './t013-egress-open.js';
import { rule as t014 } from './t014-local-state.js';
import { rule as t015 } from './t015-backups-not-geo-redundant.js';
import { rule as t016 } from './t016-instance-without-recovery.js';
import { rule as t017 } from './t017-failover-without-health-check.js';
import type { TerraformRule } from './types.js';

export const TERRAFORM_RULES: readonly TerraformRule[] = [t001, t002, t003, t004, t005, t006, t007, t008, t009, t010, t011, t012, t013, t014, t015, t016, t017];
