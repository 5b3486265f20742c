// Every redundancy rule, by id. Ids are stable and never reused; a retired rule keeps its id out
// of circulation.
import type { Rule } from './rule.js';
import { standbySameFireZone } from './r001-standby-same-fire-zone.js';
import { standbySameBuilding } from './r002-standby-same-building.js';
import { trunksOneSupplyLine } from './r003-trunks-one-supply-line.js';
import { trunksOneProvider } from './r004-trunks-one-provider.js';
import { upsAutonomyShort } from './r005-ups-autonomy-short.js';
import { poeNotOnUps } from './r006-poe-not-on-ups.js';
import { sharedCooling } from './r007-shared-cooling.js';
import { standbyLicences } from './r008-standby-licences.js';
import { standbyCapacity } from './r009-standby-capacity.js';
import { numberBlockSingleRoute } from './r010-number-block-single-route.js';
import { emergencyTrunkArea } from './r011-emergency-trunk-area.js';
import { coldStandbyTooSlow } from './r012-cold-standby-too-slow.js';
import { coldPrimaryUnmonitored } from './r013-cold-primary-unmonitored.js';
import { gatewayUnmonitored } from './r014-gateway-unmonitored.js';
import { cloudWithoutSurvivableGateway } from './r015-cloud-without-survivable-gateway.js';
import { singlePsu } from './r016-single-psu.js';
import { singleNic } from './r017-single-nic.js';
import { singleDisk } from './r018-single-disk.js';
import { dnsFailoverTooSlow } from './r019-dns-failover-too-slow.js';

/** Sorted by id. */
export const RULES: readonly Rule[] = [
  standbySameFireZone,
  standbySameBuilding,
  trunksOneSupplyLine,
  trunksOneProvider,
  upsAutonomyShort,
  poeNotOnUps,
  sharedCooling,
  standbyLicences,
  standbyCapacity,
  numberBlockSingleRoute,
  emergencyTrunkArea,
  coldStandbyTooSlow,
  coldPrimaryUnmonitored,
  gatewayUnmonitored,
  cloudWithoutSurvivableGateway,
  singlePsu,
  singleNic,
  singleDisk,
  dnsFailoverTooSlow,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
