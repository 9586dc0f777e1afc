import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role } from '../roles/role.js';
import { PlatformAdmin, Roles } from './access.decorators.js';
import { rootFieldAccess, undeclaredRootFields } from './access-declarations.js';

@Resolver()
@Roles(Role.ADMIN)
class DeclaredAtClassResolver {
  @Query(() => String)
  secrets(@Args('org') org: string): string {
    return org;
  }

  @Mutation(() => String, { name: 'createThing' })
  @PlatformAdmin()
  create(): string {
    return 'x';
  }
}

@Resolver()
class ForgetfulResolver {
  @Query(() => String)
  forgotten(): string {
    return 'x';
  }

  @Query(() => String)
  @Roles(Role.CISO)
  remembered(): string {
    return 'x';
  }

  @ResolveField(() => String)
  nested(): string {
    return 'x';
  }
}

describe('access declarations', () => {
  it('reads what each root field declares, method over class, by its schema name', () => {
    const fields = rootFieldAccess([DeclaredAtClassResolver]);
    expect(fields).toEqual([
      { rootType: 'Query', field: 'secrets', resolver: 'DeclaredAtClassResolver', method: 'secrets', declared: { kind: 'roles', roles: [Role.ADMIN] } },
      { rootType: 'Mutation', field: 'createThing', resolver: 'DeclaredAtClassResolver', method: 'create', declared: { kind: 'platform-admin' } },
    ]);
  });

  it('flags a root field that declares nothing, and ignores field resolvers', () => {
    const undeclared = undeclaredRootFields(rootFieldAccess([DeclaredAtClassResolver, ForgetfulResolver]));
    expect(undeclared.map((f) => `${f.resolver}.${f.field}`)).toEqual(['ForgetfulResolver.forgotten']);
  });
});
