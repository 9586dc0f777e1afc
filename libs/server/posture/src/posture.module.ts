import { Module } from '@nestjs/common';
import { NotificationOutboxModule } from '@postureboard/server-notifications';
import { OrganizationModule } from '@postureboard/server-organization';
import { AccessReviewResolver } from './access-reviews/access-review.resolver.js';
import { AccessReviewService } from './access-reviews/access-review.service.js';
import { BudgetModule } from './budget/budget.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { EvaluationService } from './evaluation/evaluation.service.js';
import { EvaluationWorker } from './evaluation/evaluation.worker.js';
import { EvidenceRecordResolver } from './findings/evidence-record.resolver.js';
import { FindingResolver } from './findings/finding.resolver.js';
import { FindingsService } from './findings/findings.service.js';
import { PostureResolver } from './posture/posture.resolver.js';
import { PostureService } from './posture/posture.service.js';

@Module({
  imports: [OrganizationModule, InventoryModule, SettingsModule, BudgetModule, NotificationOutboxModule],
  providers: [EvaluationService, EvaluationWorker, FindingsService, PostureService, AccessReviewService, PostureResolver, FindingResolver, EvidenceRecordResolver, AccessReviewResolver],
  exports: [EvaluationService, EvaluationWorker, FindingsService, PostureService, AccessReviewService, InventoryModule, SettingsModule, BudgetModule],
})
export class PostureModule {}
