import { assessBudget, DEFAULT_BUDGET_BENCHMARKS, selectBudget, type BudgetAssessment, type BudgetBenchmarks } from '../budget/budget-ratios.js';
import type { FindingCandidate } from '../model/finding.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { evaluateFindings } from '../findings/evaluate-findings.js';
import { DEFAULT_FINDING_SETTINGS, type FindingSettings } from '../findings/finding-settings.js';
import type { PostureScore } from './score.model.js';
import { computePostureScore } from './posture-score.js';
import { DEFAULT_SCORE_SETTINGS, type ScoreSettings } from './score-settings.js';

export interface PostureAssessment {
  asOf: Date;
  findings: FindingCandidate[];
  score: PostureScore;
  /** Beside the score, never part of it. Null when no budget is recorded for this or an earlier year. */
  budget: BudgetAssessment | null;
}

export interface AssessPostureOptions {
  findingSettings?: FindingSettings;
  scoreSettings?: ScoreSettings;
  budgetBenchmarks?: BudgetBenchmarks;
}

/** Evaluate, score and put the budget beside: the whole weekly answer for one organisation at `asOf`. */
export const assessPosture = (input: PostureInput, asOf: Date, options: AssessPostureOptions = {}): PostureAssessment => {
  const findingSettings = options.findingSettings ?? DEFAULT_FINDING_SETTINGS;
  const findings = evaluateFindings(input, asOf, findingSettings);
  const score = computePostureScore(input, findings, asOf, { settings: options.scoreSettings ?? DEFAULT_SCORE_SETTINGS, findingSettings });
  const budget = selectBudget(input.budgets, asOf, input.organisation.fiscalYearStartMonth);
  return { asOf, findings, score, budget: budget === null ? null : assessBudget(budget, options.budgetBenchmarks ?? DEFAULT_BUDGET_BENCHMARKS) };
};
