import { inStackOrder } from './each-stack.js';
import type { RuleHit, TerraformRule } from './types.js';
import { nested } from './view.js';

/** A gateway instance as this rule needs it, kept after its stack is gone. */
interface Placed {
  readonly index: number;
  readonly seq: number;
  readonly stack: string;
  readonly address: string;
  readonly gateway: string;
  readonly az: string | null;
  readonly standbyFor: readonly string[];
}

/** A hot standby in the same availability zone as its primary fails with it. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T007',
    severity: 'warning',
    title: 'Hot standby pair in one availability zone',
    rationale:
      'An availability zone fails as a unit (power, cooling, network). A hot standby placed in the primary\'s zone gives no protection against that outage; put it in another zone of the region, or another region.',
  },
  start(ctx) {
    const placed: Placed[] = [];
    return {
      stack(v) {
        for (const b of v.resources('aws_instance')) {
          const tags = (b.body['tags'] ?? {}) as Record<string, string>;
          if (!tags['gateway']) continue;
          const eni = v.referenced(nested(b.body, 'primary_network_interface')[0]?.['network_interface_id']);
          const subnet = v.referenced(eni?.body['subnet_id'] ?? b.body['subnet_id']);
          const az = typeof subnet?.body['availability_zone'] === 'string' ? (subnet.body['availability_zone'] as string) : typeof b.body['availability_zone'] === 'string' ? (b.body['availability_zone'] as string) : null;
          const standbyFor = String(tags['standby-for'] ?? '')
            .split(' ')
            .filter((x) => x.endsWith(':hot'))
            .map((x) => x.slice(0, -4));
          placed.push({ index: v.index, seq: placed.length, stack: v.name, address: b.address, gateway: tags['gateway'], az, standbyFor });
        }
        return [];
      },
      finish() {
        inStackOrder(placed);
        // The first instance of a gateway, as a search in stack order would find it.
        const byGateway = new Map<string, Placed>();
        for (const p of placed) if (!byGateway.has(p.gateway)) byGateway.set(p.gateway, p);
        const pairs = placed.flatMap((s) => s.standbyFor.map((p) => ({ standby: s, primary: byGateway.get(p) })));
        if (pairs.length === 0) return 'not-applicable';
        const azPolicies = ctx.model.policies.filter((p) => p.scenarios.some((s) => s.class === 'cloud-az')).map((p) => p.id);
        const hits: RuleHit[] = [];
        for (const { standby, primary } of pairs) {
          if (!primary || !standby.az || standby.az !== primary.az) continue;
          hits.push({
            stack: standby.stack,
            address: standby.address,
            path: `gateways/${standby.gateway}`,
            message: `Hot standby ${standby.gateway} runs in ${standby.az}, the availability zone of its primary ${primary.gateway}${azPolicies.length > 0 ? `; policy '${azPolicies.join("', '")}' expects an AZ outage to be survived` : ''}`,
          });
        }
        return hits;
      },
    };
  },
};
