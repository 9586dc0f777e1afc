import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditChainProblem')
export class AuditChainProblemObject {
  @Field(() => String, { description: 'EDITED, MISSING, BROKEN_LINK, TAIL_MISSING, HEAD_MISMATCH, UNKEYED, UNKEYED_HEAD or UNKNOWN_KEY (see audit-chain.ts)' })
  kind!: string;

  @Field(() => Number)
  seq!: number;

  @Field(() => String)
  message!: string;
}

@ObjectType('AuditChainVerification', { description: 'Every link of the audit trail recomputed under the audit key' })
export class AuditChainVerificationObject {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => Int, { description: 'Entries checked (the whole chain, every organization: one chain links them all)' })
  entries!: number;

  @Field(() => [AuditChainProblemObject])
  problems!: AuditChainProblemObject[];
}
