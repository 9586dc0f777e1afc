import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { evidenceSummary } from '@postureboard/domain';
import { graphql } from '../common/posture.error.js';
import { EvidenceRecordObject } from './dtos/finding.object.js';
import { languageOf } from './finding.resolver.js';

/** An evidence record is read only through its finding, whose resolver checks role, organisation and team. */
@Resolver(() => EvidenceRecordObject)
export class EvidenceRecordResolver {
  @ResolveField(() => String, { description: 'Rendered in `lang` (en or ko) from the record\'s type and data; the stored English summary where no rendering applies' })
  description(@Parent() evidence: EvidenceRecordObject, @Args('lang', { type: () => String, defaultValue: 'en' }) lang: string): Promise<string> {
    return graphql(async () => evidenceSummary(evidence.record, languageOf(lang)));
  }
}
