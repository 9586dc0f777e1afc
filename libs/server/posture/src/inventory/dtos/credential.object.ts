import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { CredentialKind, Environment, SlaStatus } from '@postureboard/domain';
import { CredentialKindEnum, EnvironmentEnum, SlaStatusEnum } from '../../common/graphql-enums.js';
import { PageInfoObject } from '../../findings/dtos/finding.object.js';

@ObjectType('Credential', { description: 'A key, certificate, token or secret with its rotation SLA' })
export class CredentialObject {
  @Field(() => ID) id!: string;
  @Field(() => CredentialKindEnum) kind!: CredentialKind;
  @Field(() => String) name!: string;
  @Field(() => String) externalId!: string;
  @Field(() => String) source!: string;
  @Field(() => EnvironmentEnum) environment!: Environment;
  @Field(() => String, { nullable: true }) algorithm!: string | null;
  @Field(() => String, { description: 'ACTIVE, INACTIVE, REVOKED or EXPIRED at the requested instant, derived from the validity interval' }) status!: string;
  @Field(() => Int, { nullable: true, description: 'Whole days since last rotation, else creation, else first sight' }) ageDays!: number | null;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastRotatedAt!: Date | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Boolean, { description: 'Whether the source reports use; false = "use not observed" (a null lastUsedAt then does not mean never used)' })
  useObserved!: boolean;
  @Field(() => SlaStatusEnum, { nullable: true, description: 'Null for an inactive credential: it is not rotated, it is gone' }) slaStatus!: SlaStatus | null;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Int, { nullable: true }) daysOverdue!: number | null;
  @Field(() => Int, { nullable: true }) policyMaxAgeDays!: number | null;
  @Field(() => String, { nullable: true, description: "The owner's display name, else the owner the source named" }) owner!: string | null;
  /** The answering team (the credential's, else its owner's), resolved to `team` by a DataLoader. */
  teamId!: string | null;
}

@ObjectType('CredentialEdge')
export class CredentialEdgeObject {
  @Field(() => String) cursor!: string;
  @Field(() => CredentialObject) node!: CredentialObject;
}

@ObjectType('CredentialConnection')
export class CredentialConnectionObject {
  @Field(() => [CredentialEdgeObject]) edges!: CredentialEdgeObject[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
  @Field(() => Int) totalCount!: number;
}

@InputType('CredentialFilter')
export class CredentialFilterInput {
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => CredentialKindEnum, { nullable: true }) kind?: CredentialKind | null;
  @Field(() => EnvironmentEnum, { nullable: true }) environment?: Environment | null;
  @Field(() => SlaStatusEnum, { nullable: true }) slaStatus?: SlaStatus | null;
  @Field(() => String, { nullable: true, description: 'Matches name, external id, owner or source' }) search?: string | null;
}
