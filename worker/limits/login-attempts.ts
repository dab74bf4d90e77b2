/**
 * The sign-in attempts of one account, and the rules that slow password guessing without
 * letting a stranger lock the owner out:
 * - per (address, account): the first `freeFailures` failures cost nothing; each one after
 *   doubles the wait before the next attempt (2 s, 4 s, 8 s, … up to 15 minutes). Another
 *   address is not slowed by them.
 * - per account: at most `accountFailureLimit` failures an hour from addresses the account never
 *   signed in from; addresses it signed in from recently keep going, so the owner at home still
 *   gets in while a botnet hammers the account.
 * An attempt counts as a failure when it starts (so parallel guesses queue up behind the delay)
 * and is refunded when the password was right.
 */
export type LoginAttempts = {
  /** Per address: failures in a row, and until when the next attempt must wait. */
  addresses: Record<string, { failures: number; blockedUntil: number }>;
  /** Times of the failures of the last hour, from any address. */
  accountFailures: number[];
  /** Addresses the account signed in from, with the time of the last success. */
  trusted: Record<string, number>;
};

export const loginPolicy = {
  freeFailures: 3,
  maxDelayMs: 15 * 60_000,
  /** A run of failures from one address is forgotten this long after its last wait ended. */
  forgetAfterMs: 15 * 60_000,
  accountFailureLimit: 50,
  accountWindowMs: 60 * 60_000,
  trustedForMs: 30 * 24 * 60 * 60_000,
  /** Bounds the object's storage whatever an attacker sends. */
  maxAddresses: 1_000,
  maxTrusted: 20,
};

export type LoginVerdict = { allowed: true; at: number } | { allowed: false; retryAfterSeconds: number };

export const noAttempts = (): LoginAttempts => ({ addresses: {}, accountFailures: [], trusted: {} });

/**
 * How long an address waits after its `failures`-th failure in a row.
 *
 * @example
 * loginDelayMs(3); // 0
 * loginDelayMs(4); // 2000
 * loginDelayMs(30); // 900000
 */
export function loginDelayMs(failures: number): number {
  const extra = failures - loginPolicy.freeFailures;
  return extra <= 0 ? 0 : Math.min(loginPolicy.maxDelayMs, 1000 * 2 ** extra);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Drops what no rule looks at any more, so the stored state stays small. */
export function pruned(state: LoginAttempts, now: number): LoginAttempts {
  const addresses = Object.entries(state.addresses)
    .filter(([, run]) => run.blockedUntil + loginPolicy.forgetAfterMs > now)
    .sort(([, a], [, b]) => b.blockedUntil - a.blockedUntil)
    .slice(0, loginPolicy.maxAddresses);
  const trusted = Object.entries(state.trusted)
    .filter(([, at]) => at + loginPolicy.trustedForMs > now)
    .sort(([, a], [, b]) => b - a)
    .slice(0, loginPolicy.maxTrusted);
  return {
    addresses: Object.fromEntries(addresses),
    accountFailures: state.accountFailures.filter((at) => at + loginPolicy.accountWindowMs > now),
    trusted: Object.fromEntries(trusted),
  };
}

/**
 * Decides an attempt from `address` and, when it may go ahead, counts it as a failure until
 * `succeeded` refunds it.
 *
 * @example
 * const { verdict, state: next } = attempt(state, "203.0.113.7", Date.now());
 */
export function attempt(
  state: LoginAttempts,
  address: string,
  now: number,
): { verdict: LoginVerdict; state: LoginAttempts } {
  const current = pruned(state, now);
  const run = current.addresses[address];
  if (run && run.blockedUntil > now) {
    return { verdict: { allowed: false, retryAfterSeconds: seconds(run.blockedUntil - now) }, state: current };
  }
  const recent = current.accountFailures;
  if (!(address in current.trusted) && recent.length >= loginPolicy.accountFailureLimit) {
    const reopensAt = recent[recent.length - loginPolicy.accountFailureLimit]! + loginPolicy.accountWindowMs;
    return { verdict: { allowed: false, retryAfterSeconds: seconds(reopensAt - now) }, state: current };
  }
  const failures = (run?.failures ?? 0) + 1;
  return {
    verdict: { allowed: true, at: now },
    state: {
      ...current,
      addresses: { ...current.addresses, [address]: { failures, blockedUntil: now + loginDelayMs(failures) } },
      accountFailures: [...recent, now],
    },
  };
}

/**
 * The password was right: the attempt started `at` is no failure, the address's run of
 * failures ends, and the address is trusted from now on.
 *
 * @example
 * state = succeeded(state, "203.0.113.7", verdict.at, Date.now());
 */
export function succeeded(state: LoginAttempts, address: string, at: number, now: number): LoginAttempts {
  const { [address]: _ended, ...addresses } = state.addresses;
  const refunded = state.accountFailures.lastIndexOf(at);
  const accountFailures = state.accountFailures.filter((_, index) => index !== refunded);
  return pruned({ addresses, accountFailures, trusted: { ...state.trusted, [address]: now } }, now);
}

/** When the state has nothing left to remember, or null when it is empty already. */
export function forgetsAt(state: LoginAttempts): number | null {
  const ends = [
    ...Object.values(state.addresses).map((run) => run.blockedUntil + loginPolicy.forgetAfterMs),
    ...state.accountFailures.map((at) => at + loginPolicy.accountWindowMs),
    ...Object.values(state.trusted).map((at) => at + loginPolicy.trustedForMs),
  ];
  return ends.length === 0 ? null : Math.max(...ends);
}
