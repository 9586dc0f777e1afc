import { jest } from '@jest/globals';
import { BudgetExceededError, withinBudget } from './time-budget.util.js';

describe('withinBudget', () => {
  it('returns what the run returns when it finishes in time, without cancelling anything', async () => {
    const cancel = jest.fn(async () => undefined);
    await expect(withinBudget(1, async () => 42, cancel)).resolves.toBe(42);
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels and fails with the budget error when the run outlasts it, swallowing the late failure', async () => {
    let rejectRun: (error: Error) => void = () => undefined;
    const run = () => new Promise<number>((_, reject) => (rejectRun = reject));
    const cancel = jest.fn(async () => rejectRun(new Error('canceling statement due to user request')));
    await expect(withinBudget(0.001, run, cancel)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
