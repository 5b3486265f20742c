import type { Rule, RuleReport } from './rule.js';

export const standbyCapacity: Rule = {
  meta: {
    id: 'RBC-R009',
    name: 'standby-capacity',
    severity: 'error',
    rationale: 'Option 2 works "as long as there is enough space ... the system of the subsidiary must be set up in a way that all the workload of the headquarters can be handled".',
    docs: {
      description: 'A standby (in option 2 a gateway that also serves its own site) cannot carry the users, or the calls on the trunks, of every site it would then serve: its own and those it takes over.',
      fix: 'Size the standby for both sites (capacity.users, capacity.channels), or move part of the load to another standby.',
    },
    messages: {
      users: 'Gateway {{gateway}} would serve {{users}} users of {{sites}} after taking over {{primary}}, but its capacity is {{capacity}} users.',
      channels: 'Gateway {{gateway}} would carry {{channels}} channels of the trunks of {{sites}} after taking over {{primary}}, but its capacity is {{capacity}} channels.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary, sites } of ctx.pairs) {
      const all = [...new Set([...standby.serves, ...sites])].sort();
      const users = ctx.users(all);
      const cap = standby.capacity;
      const data = { gateway: standby.id, primary: primary.id, sites: all.join(', ') };
      if (cap.users !== null && users > cap.users) out.push({ messageId: 'users', path: standby.path, data: { ...data, users, capacity: cap.users } });
      if (cap.channels !== null) {
        const channels = all.reduce((n, s) => n + (ctx.index.trunksBySite.get(s) ?? []).reduce((m, t) => m + t.channels, 0), 0);
        if (channels > cap.channels) out.push({ messageId: 'channels', path: standby.path, data: { ...data, channels, capacity: cap.channels } });
      }
    }
    return out;
  },
};
