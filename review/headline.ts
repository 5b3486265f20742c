// The one line a reviewer reads first: does the redundancy promise still hold, then what
// Terraform and the generated files do.
import type { RedundancyChanges, Regression, TerraformChanges, FileChange } from './types.js';
import { plural, survive } from './wording.js';

export const NO_CHANGES = 'No changes.';


function listIds(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

export function redundancyClause(r: RedundancyChanges, regressions: readonly Regression[]): string {
  const violated = r.policies.filter((p) => p.newViolations.length > 0).map((p) => p.policy);
  const nowMet = r.policies.filter((p) => p.after === 'met' && p.before !== 'met').map((p) => p.policy);
  const lost = r.sites.flatMap((s) => s.lost.map((l) => ({ s, l })));
  const gained = r.sites.reduce((n, s) => n + s.gained.length, 0);
  const beyond = r.sites.reduce((n, s) => n + s.switchover.filter((c) => c.beyondPolicies.length > 0).length, 0);
  const slower = r.sites.reduce((n, s) => n + s.switchover.filter((c) => c.afterSeconds > c.beforeSeconds).length, 0);
  const faster = r.sites.reduce((n, s) => n + s.switchover.filter((c) => c.afterSeconds < c.beforeSeconds).length, 0);
  const newSpof = r.pointsOfFailure.filter((c) => c.change === 'new' && c.order === 1).length;
  const goneSpof = r.pointsOfFailure.filter((c) => c.change === 'removed' && c.order === 1).length;
  const newFindings = r.findings.filter((f) => f.change === 'new').length;
  const resolvedFindings = r.findings.filter((f) => f.change === 'resolved').length;
  const added = r.sites.filter((s) => s.status === 'added').map((s) => s.name);
  const removed = r.sites.filter((s) => s.status === 'removed').map((s) => s.name);

  const parts: string[] = [];
  if (violated.length) parts.push(`${violated.length === 1 ? 'policy' : 'policies'} ${listIds(violated)} newly violated`);
  if (lost.length) {
    const sites = [...new Set(lost.map(({ s }) => s.site))];
    if (sites.length <= 2) {
      for (const site of sites) {
        const here = lost.filter(({ s }) => s.site === site);
        const siteName = here[0]!.s.name;
        const services = [...new Set(here.map(({ l }) => l.serviceName))];
        const scenarios = [...new Set(here.map(({ l }) => l.scenario.label))];
        const who = services.length === 1 ? `${services[0]} at ${siteName}` : `${services.length} services at ${siteName}`;
        const what = scenarios.length === 1 ? scenarios[0] : `${scenarios.length} scenarios`;
        parts.push(`${who} no longer ${services.length === 1 ? survive(services[0]!) : 'survive'} ${what}`);
      }
    } else {
      parts.push(`${plural(lost.length, 'service verdict')} lost at ${sites.length} sites`);
    }
  }
  if (beyond) parts.push(`${plural(beyond, 'switchover')} beyond a policy`);
  if (newSpof) parts.push(`${plural(newSpof, 'new single point', 'new single points')} of failure`);
  if (nowMet.length) parts.push(`${nowMet.length === 1 ? 'policy' : 'policies'} ${listIds(nowMet)} now met`);
  if (gained) parts.push(`${plural(gained, 'survival')} gained`);
  if (goneSpof) parts.push(`${plural(goneSpof, 'single point')} of failure removed`);
  if (slower - beyond > 0) parts.push(`${plural(slower - beyond, 'switchover')} slower`);
  if (faster) parts.push(`${plural(faster, 'switchover')} faster`);
  if (added.length) parts.push(`${added.length === 1 ? 'site' : 'sites'} ${listIds(added)} added`);
  if (removed.length) parts.push(`${removed.length === 1 ? 'site' : 'sites'} ${listIds(removed)} removed`);
  if (newFindings) parts.push(`${plural(newFindings, 'new finding')}`);
  if (resolvedFindings) parts.push(`${plural(resolvedFindings, 'finding')} resolved`);

  const lead = regressions.length > 0 ? `Redundancy regression (${regressions.length})` : r.changed ? 'Redundancy changed, no regression' : 'No change in redundancy';
  return parts.length ? `${lead}: ${parts.join('; ')}` : lead;
}

export function terraformClause(t: TerraformChanges): string {
  if (!t.changed) return 'Terraform: no change';
  const parts: string[] = [];
  const { destroy, add, change, move, import: imported } = t.totals;
  if (destroy) parts.push(`${destroy} to destroy`);
  if (add) parts.push(`${add} to add`);
  if (imported) parts.push(`${imported} to import`);
  if (change) parts.push(`${change} to change`);
  if (move) parts.push(`${move} moved`);
  const added = t.stacks.filter((s) => s.status === 'added').length;
  const removed = t.stacks.filter((s) => s.status === 'removed').length;
  if (added) parts.push(`${plural(added, 'new stack')}`);
  if (removed) parts.push(`${plural(removed, 'stack')} removed`);
  if (parts.length === 0) parts.push('settings changed');
  return `Terraform: ${parts.join(', ')}`;
}

export function filesClause(files: readonly FileChange[]): string {
  const model = files.some((f) => f.path === 'model.json');
  const devices = files.filter((f) => f.group === 'devices').length;
  const runbooks = files.filter((f) => f.group === 'runbooks').length;
  const other = files.length - devices - runbooks - (model ? 1 : 0);
  const parts: string[] = [];
  if (devices) parts.push(`${plural(devices, 'device config file')}`);
  if (runbooks) parts.push(`${plural(runbooks, 'runbook file')}`);
  if (other) parts.push(`${plural(other, 'other file')}`);
  if (parts.length === 0) return model ? 'device configs and runbooks: no change (only the resolved model changed)' : 'device configs and runbooks: no change';
  return `${parts.join(', ')} changed${model ? ' (and the resolved model)' : ''}`;
}

export function headline(r: RedundancyChanges, regressions: readonly Regression[], t: TerraformChanges, files: readonly FileChange[], identical: boolean): string {
  if (identical) return NO_CHANGES;
  return `${redundancyClause(r, regressions)}. ${terraformClause(t)}; ${filesClause(files)}.`;
}
