/** A company's sign-in rules (company settings; owners change them). */
export interface SecurityPolicy {
  /** Fewest characters of a new password, 8 to 64. */
  passwordMinLength: number;
  /** A session unused this long ends. */
  sessionIdleHours: number;
  /** A session ends this long after it started, used or not. */
  sessionLifetimeDays: number;
  /** Roles whose holders must have a second factor: without one they can only set it up. */
  secondFactorRoles: string[];
}

export const DEFAULT_SECURITY: SecurityPolicy = { passwordMinLength: 12, sessionIdleHours: 12, sessionLifetimeDays: 7, secondFactorRoles: [] };

/** The policy a company's settings hold, defaults filled in. */
export function securityOf(settings: Record<string, unknown> | undefined): SecurityPolicy {
  const s = settings ?? {};
  return {
    passwordMinLength: Number(s.passwordMinLength ?? DEFAULT_SECURITY.passwordMinLength),
    sessionIdleHours: Number(s.sessionIdleHours ?? DEFAULT_SECURITY.sessionIdleHours),
    sessionLifetimeDays: Number(s.sessionLifetimeDays ?? DEFAULT_SECURITY.sessionLifetimeDays),
    secondFactorRoles: Array.isArray(s.secondFactorRoles) ? s.secondFactorRoles.map(String) : [],
  };
}
