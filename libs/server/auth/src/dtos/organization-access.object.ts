import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../roles/role.js';

@ObjectType('OrganizationAccess', { description: "What the caller may do in one organization, as the server's access declarations decide it" })
export class OrganizationAccessObject {
  @Field(() => String)
  organizationSlug!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { description: 'Teams an ENGINEERING_LEAD leads; empty otherwise' })
  teamIds!: string[];

  @Field(() => Boolean, { description: 'Findings and people are those of teamIds only (an ENGINEERING_LEAD); scores stay the organisation\'s' })
  teamScoped!: boolean;

  @Field(() => [String], {
    description:
      'The operations the caller may use here, by name: GraphQL root fields (`budgets`, `setBudget`) and HTTP routes (`POST /api/orgs/:org/ingest/:source`), from the @Roles declarations the server enforces',
  })
  operations!: string[];
}
