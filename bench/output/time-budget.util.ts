export class BudgetExceededError extends Error {
  constructor(readonly minutes: number) {
    super(`did not finish within its budget of ${minutes} min`);
    this.name = 'BudgetExceededError';
  }
}

/**
 * Runs `run` for at most `minutes`. On expiry `cancel` is called (to stop what the run left in flight, e.g.
 * its queries) and the budget error is thrown; the abandoned run's own failure is swallowed, not left unhandled.
 */
export async function withinBudget<T>(minutes: number, run: () => Promise<T>, cancel: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const work = run();
  work.catch(() => undefined);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      void cancel()
        .catch(() => undefined)
        .finally(() => reject(new BudgetExceededError(minutes)));
    }, minutes * 60_000);
  });
  deadline.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    // Cancelling makes the run fail first (e.g. "canceling statement"): the cause is still the budget.
    throw expired ? new BudgetExceededError(minutes) : error;
  } finally {
    clearTimeout(timer);
  }
}
