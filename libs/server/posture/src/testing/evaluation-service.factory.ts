import { AccessRollupFoldRepository, CurrentPostureRepository, FindingRepository, PostureInputRepository, ScoreSnapshotRepository } from '@postureboard/server-database';
import { NotificationOutbox } from '@postureboard/server-notifications';
import type { DataSource } from 'typeorm';
import { EvaluationService } from '../evaluation/evaluation.service.js';

/** The evaluation job's service on a test database, wired as the module wires it (outbox links on `publicUrl`). */
export const evaluationServiceOn = (dataSource: DataSource, publicUrl?: string): EvaluationService =>
  new EvaluationService(
    dataSource,
    new PostureInputRepository(dataSource),
    new FindingRepository(dataSource),
    new CurrentPostureRepository(dataSource),
    new ScoreSnapshotRepository(dataSource),
    NotificationOutbox.on(dataSource, publicUrl),
    new AccessRollupFoldRepository(dataSource),
  );
