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
import { FindingWorkflowResolver } from './findings/finding-workflow.resolver.js';
import { FindingWorkflowService } from './findings/finding-workflow.service.js';
import { FindingsExportController } from './findings/findings-export.controller.js';
import { PostureResolver } from './posture/posture.resolver.js';
import { CurrentPostureResponseCache } from './posture/current-posture-response.cache.js';
import { PostureService } from './posture/posture.service.js';

@Module({
  imports: [OrganizationModule, InventoryModule, SettingsModule, BudgetModule, NotificationOutboxModule],
  controllers: [FindingsExportController],
  providers: [
    EvaluationService,
    EvaluationWorker,
    FindingsService,
    FindingWorkflowService,
    PostureService,
    AccessReviewService,
    PostureResolver,
    CurrentPostureResponseCache,
    FindingResolver,
    FindingWorkflowResolver,
    EvidenceRecordResolver,
    AccessReviewResolver,
  ],
  exports: [EvaluationService, EvaluationWorker, FindingsService, PostureService, AccessReviewService, InventoryModule, SettingsModule, BudgetModule],
})
export class PostureModule {}
