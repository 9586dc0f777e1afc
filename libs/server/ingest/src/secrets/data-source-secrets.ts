import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, SecretBox } from '@postureboard/server-core';

/** Which data source a sealed value belongs to: bound as authenticated data, so it opens nowhere else. */
export interface SecretScope {
  organizationId: string;
  name: string;
}

export type ConfigValues = Record<string, unknown>;

const context = (scope: SecretScope): string => `data-source:${scope.organizationId}:${scope.name}`;

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Splits a validated configuration into what may be stored and shown, and what must be sealed. */
export function splitSecrets(config: ConfigValues, secretFields: readonly string[]): { plain: ConfigValues; secrets: ConfigValues } {
  const plain: ConfigValues = {};
  const secrets: ConfigValues = {};
  for (const [key, value] of Object.entries(config)) {
    if (!secretFields.includes(key)) plain[key] = value;
    else if (isSet(value)) secrets[key] = value;
  }
  return { plain, secrets };
}

/**
 * A reconfiguration may leave a secret out (the API never shows it, so an admin cannot resend it): the
 * stored value is kept for every secret field the new configuration does not set.
 */
export function keepOmittedSecrets(input: ConfigValues, previous: ConfigValues, secretFields: readonly string[]): ConfigValues {
  const merged = { ...input };
  for (const field of secretFields) {
    if (!isSet(merged[field]) && isSet(previous[field])) merged[field] = previous[field];
  }
  return merged;
}

export const secretFieldsSet = (secrets: ConfigValues): string[] => Object.keys(secrets).filter((k) => isSet(secrets[k])).sort();

/** Connector secrets sealed with AES-256-GCM under the product's master key (never logged, never returned). */
@Injectable()
export class DataSourceSecrets {
  private box: SecretBox | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private secretBox(): SecretBox {
    this.box ??= SecretBox.fromConfig(this.config);
    return this.box;
  }

  seal(scope: SecretScope, secrets: ConfigValues): string | null {
    return Object.keys(secrets).length === 0 ? null : this.secretBox().seal(JSON.stringify(secrets), context(scope));
  }

  open(scope: SecretScope, sealed: string | null): ConfigValues {
    return sealed === null ? {} : (JSON.parse(this.secretBox().openText(sealed, context(scope))) as ConfigValues);
  }

  /** Re-seals a value under another key (key rotation); `from` defaults to the current key. */
  reseal(scope: SecretScope, sealed: string, to: SecretBox, from: SecretBox = this.secretBox()): string {
    return to.seal(from.openText(sealed, context(scope)), context(scope));
  }
}
