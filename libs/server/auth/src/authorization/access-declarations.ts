import { type INestApplicationContext, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ACCESS_METADATA, type DeclaredAccess } from './access.decorators.js';

/** How one GraphQL root field declares who may call it. */
export interface RootFieldAccess {
  rootType: string;
  field: string;
  resolver: string;
  method: string;
  declared: DeclaredAccess | undefined;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Methods of a prototype, read through descriptors so no getter runs. */
const methodsOf = (prototype: object): [string, object][] =>
  Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => [name, Object.getOwnPropertyDescriptor(prototype, name)?.value] as const)
    .filter((entry): entry is [string, object] => typeof entry[1] === 'function');

/** Every root field of the given resolver classes, with the access it declares (method first, then class). */
export function rootFieldAccess(resolverClasses: readonly Type<unknown>[]): RootFieldAccess[] {
  const found: RootFieldAccess[] = [];
  for (const cls of resolverClasses) {
    for (const [method, handler] of methodsOf(cls.prototype as object)) {
      if (Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler)) continue;
      const rootType = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
      if (!rootType || !ROOT_TYPES.has(rootType)) continue;
      found.push({
        rootType,
        field: (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? method,
        resolver: cls.name,
        method,
        declared: (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, cls)) as DeclaredAccess | undefined,
      });
    }
  }
  return found;
}

/** The resolver classes registered in a running application (or its module container). */
export function registeredResolverClasses(app: INestApplicationContext | ModulesContainer): Type<unknown>[] {
  const classes = new Set<Type<unknown>>();
  const modules = app instanceof ModulesContainer ? app : app.get(ModulesContainer);
  for (const module of modules.values()) {
    for (const wrapper of module.providers.values()) {
      const cls = wrapper.metatype as Type<unknown> | null;
      if (!cls?.prototype || wrapper.isAlias) continue;
      const hasRootField = methodsOf(cls.prototype as object).some(([, handler]) => ROOT_TYPES.has(Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string));
      if (hasRootField) classes.add(cls);
    }
  }
  return [...classes];
}

/**
 * Root fields that declare nothing (no @Roles, @SignedIn, @PlatformAdmin or @Public on the method or
 * its class). The guard still applies its safe default to them, but an undeclared field is a review
 * that did not happen: the test built on this fails the build.
 */
export const undeclaredRootFields = (fields: readonly RootFieldAccess[]): RootFieldAccess[] => fields.filter((f) => !f.declared);

/**
 * One operation of the API as its clients name it: a GraphQL root field by its name (`budgets`,
 * `setBudget`) or an HTTP route as `METHOD /path` (`POST /api/orgs/:org/ingest/:source`), with the access
 * it declares. GET routes and queries read; everything else writes.
 */
export interface DeclaredOperation {
  name: string;
  operation: 'read' | 'write';
  declared: DeclaredAccess | undefined;
}

const joinPath = (...parts: (string | undefined)[]): string =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/** Every GraphQL root field and HTTP route of a running application, with what each declares. */
export function declaredOperations(modules: ModulesContainer): DeclaredOperation[] {
  const operations: DeclaredOperation[] = rootFieldAccess(registeredResolverClasses(modules))
    .filter((f) => f.rootType !== 'Subscription')
    .map((f) => ({ name: f.field, operation: f.rootType === 'Mutation' ? 'write' : 'read', declared: f.declared }));
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as Type<unknown> | null;
      if (!cls?.prototype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, cls) as string | undefined;
      for (const [, handler] of methodsOf(cls.prototype as object)) {
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        operations.push({
          name: `${RequestMethod[method]} ${joinPath(base, path)}`,
          operation: method === RequestMethod.GET ? 'read' : 'write',
          declared: (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, cls)) as DeclaredAccess | undefined,
        });
      }
    }
  }
  return operations;
}
