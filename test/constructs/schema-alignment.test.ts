// The props of the constructs cover exactly the keys of the blueprint schema, so a key added to
// the schema cannot be forgotten here (and a construct cannot invent one). Checked by the type
// checker (`npm test` runs tsc first); the runtime assertion only lists what is compared.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as C from '../../constructs/index.js';
import type * as B from '../../constructs/private/synth.js';

/** true when P and S have the same keys; otherwise the keys only one of them has. */
type SameKeys<P, S> = [Exclude<keyof P, keyof S>, Exclude<keyof S, keyof P>] extends [never, never]
  ? true
  : { readonly onlyInProps: Exclude<keyof P, keyof S>; readonly onlyInSchema: Exclude<keyof S, keyof P> };

/** Keys of a site that are child constructs rather than props. */
type SiteParts = 'buildings' | 'rooms' | 'cooling' | 'power' | 'poeSwitches' | 'supplyLines' | 'uplinks' | 'numberBlocks' | 'virtualization';

interface Pairs {
  contact: SameKeys<C.ContactProps, B.BContact>;
  businessHours: SameKeys<C.BusinessHoursProps, NonNullable<B.BOnCall['businessHours']>>;
  onCall: SameKeys<C.OnCallProps, B.BOnCall>;
  sla: SameKeys<C.SlaProps, NonNullable<B.BDeployment['sla']>>;
  deployment: SameKeys<C.DeploymentProps, Omit<B.BDeployment, 'id'>>;
  provider: SameKeys<C.ProviderProps, Omit<B.BProvider, 'id'>>;
  rerouting: SameKeys<C.ReroutingProps, NonNullable<B.BProvider['rerouting']>>;
  site: SameKeys<C.SiteProps, Omit<B.BSite, 'id' | SiteParts>>;
  siteEmergency: SameKeys<C.SiteEmergencyProps, Omit<B.BSiteEmergency, 'notification'>>;
  emergencyLocation: SameKeys<C.EmergencyLocationProps, B.BSiteEmergency['location']>;
  emergencyNotification: SameKeys<C.EmergencyNotificationProps, NonNullable<B.BSiteEmergency['notification']>>;
  building: SameKeys<C.BuildingProps, Omit<B.BBuilding, 'id' | 'fireZones'>>;
  fireZone: SameKeys<C.FireZoneProps, Omit<B.BFireZone, 'id'>>;
  room: SameKeys<C.RoomProps, Omit<B.BRoom, 'id'>>;
  coolingUnit: SameKeys<C.CoolingUnitProps, Omit<B.BCoolingUnit, 'id'>>;
  feed: SameKeys<C.FeedProps, Omit<B.BFeed, 'id'>>;
  ups: SameKeys<C.UpsProps, Omit<B.BUps, 'id'>>;
  generator: SameKeys<C.GeneratorProps, Omit<B.BGenerator, 'id'>>;
  poeSwitch: SameKeys<C.PoeSwitchProps, Omit<B.BPoeSwitch, 'id'>>;
  supplyLine: SameKeys<C.SupplyLineProps, Omit<B.BSupplyLine, 'id'>>;
  uplink: SameKeys<C.UplinkProps, Omit<B.BUplink, 'id'>>;
  numberBlock: SameKeys<C.NumberBlockProps, Omit<B.BNumberBlock, 'id'>>;
  vmHost: SameKeys<C.VmHostProps, Omit<B.BVmHost, 'id'>>;
  vmCluster: SameKeys<C.VmClusterProps, Omit<B.BVmCluster, 'id'>>;
  gateway: SameKeys<C.GatewayProps, Omit<B.BGateway, 'id'>>;
  placement: SameKeys<C.GatewayPlacement, B.BGateway['placement']>;
  capacity: SameKeys<C.GatewayCapacity, NonNullable<B.BGateway['capacity']>>;
  licences: SameKeys<C.GatewayLicences, NonNullable<B.BGateway['licences']>>;
  backup: SameKeys<C.GatewayBackup, NonNullable<B.BGateway['backup']>>;
  standbyOf: SameKeys<C.StandbyOf, B.BStandbyOf>;
  detection: SameKeys<C.StandbyDetection, NonNullable<B.BStandbyOf['detection']>>;
  vrrp: SameKeys<C.StandbyVrrp, NonNullable<B.BStandbyOf['vrrp']>>;
  trunk: SameKeys<C.TrunkProps, Omit<B.BTrunk, 'id'>>;
  trunkEmergency: SameKeys<C.TrunkEmergency, NonNullable<B.BTrunk['emergency']>>;
  service: SameKeys<C.ServiceProps, Omit<B.BService, 'id'>>;
  policy: SameKeys<C.PolicyProps, Omit<B.BPolicy, 'id'>>;
  scenario: SameKeys<C.ScenarioSpec, B.BPolicy['scenarios'][number]>;
  monitoring: SameKeys<C.MonitoringProps, B.BMonitoring>;
  snmp: SameKeys<C.SnmpProps, NonNullable<B.BMonitoring['snmp']>>;
  syslog: SameKeys<C.SyslogProps, NonNullable<B.BMonitoring['syslog']>>;
  cloud: SameKeys<C.CloudProps, B.BCloud>;
  cloudRegion: SameKeys<C.CloudRegionProps, B.BCloud['regions'][number]>;
  stateBackend: SameKeys<C.StateBackendProps, NonNullable<B.BCloud['stateBackend']>>;
  acknowledgement: SameKeys<C.AcknowledgementOptions & { rule: string; target: string }, B.BAcknowledgement>;
}

type AllAligned = { [K in keyof Pairs]: Pairs[K] extends true ? true : Pairs[K] };

describe('construct props mirror the blueprint schema', () => {
  it('every props interface has exactly the keys of its schema object', () => {
    expectTypeOf<AllAligned>().toEqualTypeOf<{ [K in keyof Pairs]: true }>();
    const compared: Record<keyof Pairs, true> = {
      contact: true, businessHours: true, onCall: true, sla: true, deployment: true, provider: true, rerouting: true, site: true,
      siteEmergency: true, emergencyLocation: true, emergencyNotification: true, building: true, fireZone: true, room: true,
      coolingUnit: true, feed: true, ups: true, generator: true, poeSwitch: true, supplyLine: true, uplink: true, numberBlock: true,
      vmHost: true, vmCluster: true, gateway: true, placement: true, capacity: true, licences: true, backup: true, standbyOf: true,
      detection: true, vrrp: true, trunk: true, trunkEmergency: true, service: true, policy: true, scenario: true, monitoring: true,
      snmp: true, syslog: true, cloud: true, cloudRegion: true, stateBackend: true, acknowledgement: true,
    };
    expect(Object.keys(compared)).toHaveLength(44);
  });
});
