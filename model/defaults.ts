import type { DetectionMechanism } from './types.js';

/**
 * Detection defaults per switchover mechanism. vrrp: keepalived's advert interval, the backup
 * declares the master dead after 3 missed adverts. dns: Route 53 health checks allow only 10 or
 * 30 s intervals. registration: phones probe their PBX and re-register at the standby.
 */
export const DETECTION_DEFAULTS: Readonly<Record<DetectionMechanism, { probeIntervalSeconds: number; failureThreshold: number; reRegistrationSeconds: number; dnsTtlSeconds: number }>> = {
  registration: { probeIntervalSeconds: 5, failureThreshold: 3, reRegistrationSeconds: 30, dnsTtlSeconds: 0 },
  vrrp: { probeIntervalSeconds: 1, failureThreshold: 3, reRegistrationSeconds: 0, dnsTtlSeconds: 0 },
  dns: { probeIntervalSeconds: 10, failureThreshold: 3, reRegistrationSeconds: 30, dnsTtlSeconds: 60 },
  dispatcher: { probeIntervalSeconds: 5, failureThreshold: 3, reRegistrationSeconds: 0, dnsTtlSeconds: 0 },
};
