import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { CredentialKind, Environment } from '@postureboard/domain';
import { CredentialKindEnum, EnvironmentEnum } from '../../common/graphql-enums.js';

@ObjectType('RotationPolicy', { description: 'Maximum age, warning window and grace for one credential kind in one environment' })
export class RotationPolicyObject {
  @Field(() => ID, { nullable: true, description: 'The stored override; null for a default' }) id!: string | null;
  @Field(() => CredentialKindEnum) credentialKind!: CredentialKind;
  @Field(() => EnvironmentEnum) environment!: Environment;
  @Field(() => Int) maxAgeDays!: number;
  @Field(() => Int, { description: 'DUE_SOON from this many days before the due date' }) warningDays!: number;
  @Field(() => Int, { description: 'Days past the due date tolerated before OVERDUE' }) graceDays!: number;
  @Field(() => Boolean) isDefault!: boolean;
  @Field(() => String, { nullable: true, description: 'The standard behind a default, or which override this is' }) source!: string | null;
  /** Resolved to `team` by a DataLoader. */
  teamId!: string | null;
}

@InputType('RotationPolicyInput')
export class RotationPolicyInputObject {
  @Field(() => CredentialKindEnum) credentialKind!: CredentialKind;
  @Field(() => EnvironmentEnum) environment!: Environment;
  @Field(() => Int) maxAgeDays!: number;
  @Field(() => Int) warningDays!: number;
  @Field(() => Int) graceDays!: number;
  @Field(() => ID, { nullable: true, description: 'A team override; omit for the organization-wide policy' }) teamId?: string | null;
}
