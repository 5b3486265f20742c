// The redundancy part of a review: policies, survival and switchover per site, points of
// failure and rule findings, compared between two sides' analysis.json (and model.json).
import type { RedundancyInput } from './redundancy-input.js';
import type { RedundancyChanges } from './types.js';
import { diffPolicies } from './policy-diff.js';
import { diffSites } from './survival-diff.js';
import { diffPointsOfFailure } from './points-of-failure-diff.js';
import { diffFindings } from './findings-diff.js';

export function diffRedundancy(oldSide: RedundancyInput, newSide: RedundancyInput): RedundancyChanges {
  const policies = diffPolicies(oldSide, newSide);
  const sites = diffSites(oldSide, newSide);
  const pointsOfFailure = diffPointsOfFailure(oldSide, newSide);
  const findings = diffFindings(oldSide, newSide);
  const scenariosAdded = [...newSide.scenarios.keys()].filter((id) => !oldSide.scenarios.has(id)).sort();
  const scenariosRemoved = [...oldSide.scenarios.keys()].filter((id) => !newSide.scenarios.has(id)).sort();
  const changed = policies.length > 0 || sites.length > 0 || pointsOfFailure.length > 0 || findings.length > 0;
  return { changed, policies, sites, pointsOfFailure, findings, scenariosAdded, scenariosRemoved };
}
