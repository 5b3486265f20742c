// Trunks to the public network.
import type { Construct } from 'constructs';
import type { NumberBlock, SupplyLine, Uplink } from './connectivity.js';
import type { Gateway } from './gateway.js';
import type { Provider } from './provider.js';
import { KIND, RbcConstruct, checkRef, checkRefs, compact, enclosing, idOf, idsOf, kindOf, list, requireEnclosing, type Ref } from './private/base.js';
import type { BTrunk, RenderContext } from './private/synth.js';
import type { Site } from './site.js';

/** Emergency calling on a trunk. */
export interface TrunkEmergency {
  /** Whether emergency calls may go out on this trunk. */
  readonly capable: boolean;
  /** Emergency routing areas the trunk is valid for (see the site's emergency location area), e.g. DE-0731. @default the area of the trunk's site */
  readonly areas?: readonly string[];
}

export interface TrunkProps {
  /** Carrier (the construct or its id). */
  readonly provider: Ref<Provider>;
  /** Trunk technology. */
  readonly kind: 'sip' | 'isdn-pri' | 'isdn-bri' | 'analog' | 'mobile';
  /** Site where the trunk enters (not for cloud trunks). @default the site the trunk is created in, else none */
  readonly site?: Ref<Site>;
  /** Supply line of a physical trunk (ISDN, analog). @default none */
  readonly supplyLine?: SupplyLine;
  /** Uplink a SIP trunk runs over (site SIP trunks). @default none */
  readonly uplink?: Uplink;
  /** Gateways terminating the trunk (constructs or ids). */
  readonly gateways: readonly Ref<Gateway>[];
  /** Simultaneous calls. @default 30 */
  readonly channels?: number;
  /** Number blocks of the site carried by this trunk in normal operation. @default [] */
  readonly numberBlocks?: readonly NumberBlock[];
  /** Emergency calling on this trunk. @default capable when the provider delivers emergency calls, for the site's area */
  readonly emergency?: TrunkEmergency;
  /** SIP registrar: host name, IPv4 or IPv6 address. @default none */
  readonly registrar?: string;
  /** SIP transport. @default 'tls' */
  readonly transport?: 'udp' | 'tcp' | 'tls';
  /** Reference to the trunk credentials, never their value: `aws-sm:NAME`, `ssm:/PATH` or `env:NAME`. @default none */
  readonly credentials?: string;
  /** Provider signalling/media networks in CIDR notation (for firewalls). @default [] */
  readonly cidrs?: readonly string[];
}

/** A trunk to the public network. Created inside a Site it enters at that site. */
export class Trunk extends RbcConstruct {
  static isTrunk(x: unknown): x is Trunk {
    return kindOf(x) === 'trunk';
  }

  readonly [KIND] = 'trunk' as const;
  readonly modelPath: string;

  constructor(scope: Construct, id: string, readonly props: TrunkProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Trunk '${id}'`);
    this.modelPath = `trunks/${this.node.id}`;
    this.node.addValidation({ validate: () => this.validateTrunk() });
  }

  /** The id of the site the trunk enters, if any. */
  get siteId(): string | undefined {
    return this.props.site !== undefined ? idOf(this.props.site) : enclosing(this, 'site')?.node.id;
  }

  private validateTrunk(): string[] {
    const p = this.props;
    const errors: string[] = [...checkRef(this, p.provider, { field: 'provider', kinds: ['provider'] })];
    const scopeSite = enclosing(this, 'site');
    if (p.site !== undefined) {
      errors.push(...checkRef(this, p.site, { field: 'site', kinds: ['site'] }));
      if (scopeSite && idOf(p.site) !== scopeSite.node.id) {
        errors.push(`site is '${idOf(p.site)}', but the trunk is created in site '${scopeSite.node.id}': leave site out or create the trunk elsewhere`);
      }
    }
    const siteId = this.siteId;
    const site =
      p.site === undefined ? scopeSite : typeof p.site !== 'string' ? p.site : this.node.root.node.findAll().find((c) => kindOf(c) === 'site' && c.node.id === siteId);
    const locals: [string, readonly unknown[] | undefined, Parameters<typeof checkRef>[2]['kinds']][] = [
      ['supplyLine', p.supplyLine === undefined ? undefined : [p.supplyLine], ['supply-line']],
      ['uplink', p.uplink === undefined ? undefined : [p.uplink], ['uplink']],
      ['numberBlocks', p.numberBlocks, ['number-block']],
    ];
    for (const [field, refs, kinds] of locals) {
      (refs ?? []).forEach((ref, i) => {
        const name = field === 'numberBlocks' ? `${field}[${i}]` : field;
        if (siteId === undefined && typeof ref === 'object' && ref !== null && 'node' in ref) {
          const at = enclosing(ref as Construct, 'site');
          errors.push(`${name} is at site '${at?.node.id ?? '?'}', but the trunk has no site: create the trunk in that site or set site`);
          return;
        }
        errors.push(...checkRef(this, ref, { field: name, kinds, site }));
      });
    }
    errors.push(...checkRefs(this, p.gateways, { field: 'gateways', kinds: ['gateway'] }));
    return errors;
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BTrunk {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      id: this.node.id,
      provider: idOf(p.provider)!,
      kind: p.kind,
      site: this.siteId,
      supplyLine: idOf(p.supplyLine),
      uplink: idOf(p.uplink),
      gateways: idsOf(p.gateways) ?? [],
      channels: p.channels,
      numberBlocks: idsOf(p.numberBlocks),
      emergency: p.emergency ? compact({ capable: p.emergency.capable, areas: list(p.emergency.areas) }) : undefined,
      registrar: p.registrar,
      transport: p.transport,
      credentials: p.credentials,
      cidrs: list(p.cidrs),
    });
  }
}
